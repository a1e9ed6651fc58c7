"""Platform administrators manage users: change a user's role (with the organisation or
zone the role needs) and activate or deactivate an account. Every change is audited (who,
whom, old -> new). Guards: an administrator keeps their own role and account, and the last
active platform administrator keeps the role. Deactivation ends the user's sessions and
revokes their API tokens for good."""

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from matchhub.accounts import credentials
from matchhub.accounts.models import User
from matchhub.accounts.services import UserInput, check_role_binding
from matchhub.audit import services as audit
from matchhub.core.errors import Conflict, FieldErrors, PermissionDenied
from matchhub.core.vocabularies import vocabulary

ORGLESS_ROLES = frozenset({"zone_admin", "platform_admin"})


@dataclass
class RoleChange:
    role: str
    org_id: int | None = None
    zone_code: str | None = None


def users_query(q: str = "", role: str = "", active: bool | None = None) -> Select:
    """Users newest first, filtered by a piece of email or name, a role, an account state."""
    stmt = select(User).order_by(User.id.desc())
    if q.strip():
        pattern = f"%{q.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(User.email).like(pattern),
                              func.lower(User.display_name).like(pattern)))
    if role:
        stmt = stmt.where(User.role == role)
    if active is not None:
        stmt = stmt.where(User.active.is_(active))
    return stmt


def _require_platform_admin(actor: User) -> None:
    if actor.role != "platform_admin" or not actor.active:
        raise PermissionDenied("只有平台管理员可以管理用户")


def _other_active_admins(session: Session, user: User) -> int:
    """Active platform administrators besides ``user``. All their rows are locked in id
    order (PostgreSQL), so two administrators demoting each other at once run one after
    the other and the second sees the first's change."""
    stmt = (select(User.id).where(User.role == "platform_admin", User.active.is_(True))
            .order_by(User.id).with_for_update())
    return sum(1 for user_id in session.scalars(stmt) if user_id != user.id)


def _guard_admin_loss(session: Session, actor: User, user: User, self_message: str) -> None:
    if user.id == actor.id:
        raise Conflict(f"{self_message}，请由另一位平台管理员操作")
    if user.role == "platform_admin" and user.active and not _other_active_admins(session, user):
        raise Conflict("这是最后一位在用的平台管理员，不能降级或停用")


def change_role(session: Session, actor: User, user: User, change: RoleChange) -> User:
    _require_platform_admin(actor)
    errors = FieldErrors()
    org_id = None if change.role in ORGLESS_ROLES else (change.org_id or user.org_id)
    zone_code = change.zone_code if change.role == "zone_admin" else None
    binding = UserInput(user.email, user.display_name, "", change.role, org_id, zone_code)
    check_role_binding(session, binding, errors)
    errors.raise_if_any()
    old = (user.role, user.org_id, user.zone_code)
    if old == (change.role, org_id, zone_code):
        return user
    if user.role == "platform_admin" and change.role != "platform_admin":
        _guard_admin_loss(session, actor, user, "不能取消自己的平台管理员角色")
    user.role, user.org_id, user.zone_code = change.role, org_id, zone_code
    roles = vocabulary("roles")
    audit.record(session, actor, "role.change", user,
                 f"{user.email}：{roles.label(old[0])} → {roles.label(change.role)}",
                 old={"role": old[0], "org_id": old[1], "zone_code": old[2]},
                 new={"role": change.role, "org_id": org_id, "zone_code": zone_code})
    session.flush()
    return user


def set_active(session: Session, actor: User, user: User, active: bool) -> User:
    _require_platform_admin(actor)
    if user.active == active:
        return user
    if not active:
        _guard_admin_loss(session, actor, user, "不能停用自己的账号")
        # For good: reactivating later does not bring these back.
        credentials.end_everything(session, user)
    user.active = active
    audit.record(session, actor, "user.activate" if active else "user.deactivate", user,
                 f"{user.email}：{'停用 → 启用' if active else '启用 → 停用'}",
                 old={"active": not active}, new={"active": active})
    session.flush()
    return user
