"""Registry officers (技术合同登记员 of a 登记机构), appointed per zone by platform
administrators. An officer confirms (认定登记), returns, corrects and cancels the
contracts whose SELLER is in their zone; platform administrators act as officers for
every zone. Appointments and removals are audited; a removed appointment stays on record."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.audit import services as audit
from matchhub.contracts.models import RegistryOfficer
from matchhub.core.current_user import signed_in
from matchhub.core.db_types import utcnow
from matchhub.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from matchhub.core.regions import zones
from matchhub.core.text import clean_text, is_blank

# Officers are public officials: accounts of the administrator roles, never of the
# organisations whose contracts they register.
APPOINTABLE_ROLES = frozenset({"zone_admin"})


def active_query():
    return select(RegistryOfficer).where(RegistryOfficer.removed_at.is_(None))


def zones_of(session: Session, user: User | None) -> frozenset[str]:
    """The zones ``user`` is an officer of now (platform administrators: see access)."""
    if not signed_in(user) or not user.active:
        return frozenset()
    stmt = select(RegistryOfficer.zone_code).where(RegistryOfficer.user_id == user.id,
                                                   RegistryOfficer.removed_at.is_(None))
    return frozenset(session.scalars(stmt))


def current(session: Session) -> list[RegistryOfficer]:
    """Every officer in office, by zone then appointment."""
    stmt = active_query().order_by(RegistryOfficer.zone_code, RegistryOfficer.id)
    return list(session.scalars(stmt))


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == (email or "").strip().lower()))


def _require_platform(actor: User | None) -> None:
    if actor is not None and (not signed_in(actor) or actor.role != "platform_admin"):
        raise PermissionDenied("只有平台管理员可以任免技术合同登记员")


def _check(session: Session, user: User | None, zone_code: str, office: str) -> None:
    errors: dict[str, list[str]] = {}
    if user is None or not user.active or user.role not in APPOINTABLE_ROLES:
        errors["user"] = ["登记员须为在用的示范区管理员账号"]
    if zone_code not in zones():
        errors["zone_code"] = ["请选择示范区"]
    if is_blank(office):
        errors["office_name"] = ["请填写登记机构名称"]
    if errors:
        raise ValidationFailed(errors)
    if zone_code in zones_of(session, user):
        raise Conflict("该账号已是本示范区的技术合同登记员")


def appoint(session: Session, actor: User | None, user: User | None, zone_code: str,
            office_name: str) -> RegistryOfficer:
    """Appoint ``user`` for ``zone_code``; ``actor`` None is the command line."""
    _require_platform(actor)
    office = clean_text(office_name or "", "office_name", limit=200)
    _check(session, user, zone_code, office)
    officer = RegistryOfficer(user_id=user.id, zone_code=zone_code, office_name=office,
                              appointed_by_id=actor.id if actor is not None else None)
    session.add(officer)
    session.flush()
    audit.record(session, actor, "officer.appoint", officer,
                 f"{user.display_name}：{zones()[zone_code].name} {office}",
                 user_id=user.id, zone_code=zone_code)
    return officer


def remove(session: Session, actor: User | None, officer_id: int) -> RegistryOfficer:
    """End an appointment (kept on record with who ended it and when)."""
    _require_platform(actor)
    officer = session.get(RegistryOfficer, officer_id)
    if officer is None or officer.removed_at is not None:
        raise NotFound("该登记员不存在或已免职")
    officer.removed_at = utcnow()
    officer.removed_by_id = actor.id if actor is not None else None
    audit.record(session, actor, "officer.remove", officer,
                 f"{officer.user.display_name}：{officer.zone_code} {officer.office_name}",
                 user_id=officer.user_id, zone_code=officer.zone_code)
    session.flush()
    return officer
