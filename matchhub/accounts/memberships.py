"""Requests to act for an organisation: a user asks to join in a role; the organisation's
administrator or a platform administrator approves (the user then gets the organisation)
or refuses with a reason. Requests, approvals and refusals are audited."""

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import Membership, Organisation, User
from matchhub.accounts.services import ROLE_ORG_KINDS
from matchhub.accounts.standing import can_decide_membership
from matchhub.audit import services as audit
from matchhub.core.clock import now, today
from matchhub.core.errors import Conflict, FieldErrors, PermissionDenied, ValidationFailed
from matchhub.core.vocabularies import vocabulary

JOINABLE_ROLES = ("publisher", "enterprise", "broker", "org_admin")


def pending_for(session: Session, user: User) -> Membership | None:
    return session.scalar(select(Membership).where(
        Membership.user_id == user.id, Membership.verification_status == "pending"))


def request_membership(session: Session, user: User, org: Organisation | None,
                       role: str) -> Membership:
    """``user`` (who has no organisation) asks to join ``org`` as ``role``."""
    errors = FieldErrors()
    if org is None:
        errors.add("org_id", "请选择所属机构")
    if role not in JOINABLE_ROLES or role not in vocabulary("roles"):
        errors.add("role", "角色无效")
    elif org is not None and org.kind not in ROLE_ORG_KINDS[role]:
        errors.add("org_id", "该角色不能隶属于此类机构")
    errors.raise_if_any()
    if user.org_id is not None or user.role in {"platform_admin", "zone_admin"}:
        raise Conflict("当前账号已隶属机构或为管理员，不能再申请加入机构")
    if pending_for(session, user) is not None:
        raise Conflict("已有待审核的加入申请")
    membership = Membership(user_id=user.id, org_id=org.id, role=role)
    session.add(membership)
    session.flush()
    audit.record(session, user, "membership.request", membership,
                 f"{user.email} 申请以{vocabulary('roles').label(role)}加入 {org.name}")
    return membership


def founder_membership(session: Session, user: User, org: Organisation) -> Membership:
    """The person who registered a new organisation is its first member (the organisation
    itself waits for verification)."""
    membership = Membership(user_id=user.id, org_id=org.id, role=user.role,
                            verification_status="verified", verified_at=now(),
                            valid_from=today(), decision_note="登记新机构的注册人")
    session.add(membership)
    session.flush()
    return membership


def pending_query(user: User) -> Select:
    """Pending requests ``user`` may decide on (platform admins: all)."""
    stmt = select(Membership).where(Membership.verification_status == "pending")
    if user.role != "platform_admin":
        stmt = stmt.where(Membership.org_id == user.org_id)
    return stmt.order_by(Membership.id)


def _decidable(user: User, membership: Membership) -> None:
    if not can_decide_membership(user, membership.org_id):
        raise PermissionDenied("只有该机构的管理员或平台管理员可以审核加入申请")
    if membership.verification_status != "pending":
        raise Conflict("该申请已处理")


def approve(session: Session, actor: User, membership: Membership) -> Membership:
    _decidable(actor, membership)
    member = membership.user
    if member.org_id is not None:
        raise Conflict("该用户已隶属其他机构")
    membership.verification_status, membership.verified_by_id = "verified", actor.id
    membership.verified_at, membership.valid_from = now(), today()
    member.org_id, member.role = membership.org_id, membership.role
    audit.record(session, actor, "membership.approve", membership,
                 f"{member.email} 加入 {membership.organisation.name}",
                 new={"org_id": membership.org_id, "role": membership.role})
    session.flush()
    return membership


def refuse(session: Session, actor: User, membership: Membership, reason: str) -> Membership:
    _decidable(actor, membership)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": ["请填写拒绝理由"]})
    membership.verification_status, membership.verified_by_id = "refused", actor.id
    membership.verified_at, membership.decision_note = now(), reason[:500]
    audit.record(session, actor, "membership.refuse", membership,
                 f"{membership.user.email} 加入 {membership.organisation.name}：{reason}"[:500])
    session.flush()
    return membership
