"""Organisations and users: creation with validation, authentication."""

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import BrokerProfile, InstitutionProfile, Organisation, User
from matchhub.accounts.passwords import (
    hash_password,
    needs_rehash,
    verify_nothing,
    verify_password,
)
from matchhub.accounts.standing import can_verify
from matchhub.accounts.strength import password_problem
from matchhub.audit import services as audit
from matchhub.core.clock import now
from matchhub.core.errors import Conflict, FieldErrors, PermissionDenied, ValidationFailed
from matchhub.core.identifiers import normalise_credit_code
from matchhub.core.regions import region_problem, zones
from matchhub.core.text import text_field
from matchhub.core.vocabularies import vocabulary

# Roles that act for an organisation, and the organisation kinds each may belong to.
ROLE_ORG_KINDS: dict[str, frozenset[str]] = {
    "publisher": frozenset({"university", "institute"}),
    "enterprise": frozenset({"enterprise"}),
    "broker": frozenset({"transfer_institution", "service_institution"}),
    "org_admin": frozenset(vocabulary("org_kinds").codes),
}
# Roles a visitor may choose when registering; administrators are appointed.
SELF_SERVICE_ROLES = ("publisher", "enterprise", "broker")


@dataclass
class OrganisationInput:
    name: str
    credit_code: str
    kind: str
    region_code: str
    description: str = ""


def create_organisation(session: Session, data: OrganisationInput, verified: bool = False,
                        is_demo: bool = False) -> Organisation:
    errors = FieldErrors()
    name = text_field(errors, data.name, "name", limit=200, required=True)
    taken = select(Organisation.id).where(Organisation.name == name)
    if "name" not in errors.fields and session.scalar(taken):
        errors.add("name", "该机构名称已注册")
    code = ""
    try:
        code = normalise_credit_code(data.credit_code)
    except ValueError as exc:
        errors.add("credit_code", str(exc))
    if code and session.scalar(select(Organisation.id).where(Organisation.credit_code == code)):
        errors.add("credit_code", "该统一社会信用代码已注册")
    if data.kind not in vocabulary("org_kinds"):
        errors.add("kind", "机构类型无效")
    problem = region_problem(data.region_code)  # a code in use now
    if problem:
        errors.add("region_code", problem)
    errors.raise_if_any()
    org = Organisation(name=name, credit_code=code, kind=data.kind, region_code=data.region_code,
                       description=data.description.strip(), verified=verified, is_demo=is_demo,
                       verification_status="verified" if verified else "unsubmitted")
    session.add(org)
    session.flush()
    return org


@dataclass
class UserInput:
    email: str
    display_name: str
    password: str
    role: str
    org_id: int | None = None
    zone_code: str | None = None
    phone: str = ""


def normalise_email(value: str) -> str:
    return validate_email(value.strip(), check_deliverability=False).normalized.lower()


def check_role_binding(session: Session, data: UserInput, errors: FieldErrors) -> None:
    if data.role not in vocabulary("roles"):
        errors.add("role", "角色无效")
        return
    if data.role == "zone_admin":
        if data.zone_code not in zones():
            errors.add("zone_code", "示范区管理员必须绑定一个示范区")
        return
    if data.role == "platform_admin":
        return
    org = session.get(Organisation, data.org_id) if data.org_id else None
    if org is None:
        errors.add("org_id", "请选择所属机构")
    elif org.kind not in ROLE_ORG_KINDS[data.role]:
        errors.add("org_id", "该角色不能隶属于此类机构")


class EmailTaken(Conflict):
    """The email already has an account. Raised only once everything else is valid and
    the password is hashed, so a caller that must not tell (registration) can answer as
    for a new account, after the same work."""

    def __init__(self, user: User):
        super().__init__("该邮箱已注册", {"email": ["该邮箱已注册"]})
        self.user = user


def password_inputs(session: Session, data: UserInput) -> list[str]:
    """The user's own details, which their password must not be made of."""
    org = session.get(Organisation, data.org_id) if data.org_id else None
    return [data.email, data.display_name, data.phone, org.name if org else ""]


def create_user(session: Session, data: UserInput, email_confirmed: bool = True) -> User:
    errors = FieldErrors()
    email = ""
    try:
        email = normalise_email(data.email)
    except EmailNotValidError:
        errors.add("email", "邮箱格式无效")
    if not data.display_name.strip() or len(data.display_name) > 100:
        errors.add("display_name", "姓名必填，且不超过 100 字")
    check_role_binding(session, data, errors)
    problem = password_problem(data.password, password_inputs(session, data))
    if problem:
        errors.add("password", problem)
    errors.raise_if_any()
    password_hash = hash_password(data.password)
    taken = session.scalar(select(User).where(func.lower(User.email) == email))
    if taken is not None:
        raise EmailTaken(taken)
    user = User(email=email, display_name=data.display_name.strip(),
                password_hash=password_hash, role=data.role,
                org_id=None if data.role in {"zone_admin", "platform_admin"} else data.org_id,
                zone_code=data.zone_code if data.role == "zone_admin" else None,
                phone=data.phone.strip(), email_confirmed=email_confirmed)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None. A password is checked
    (Argon2) whether or not the email has an account, so the answer takes as long."""
    try:
        email = normalise_email(email)
    except EmailNotValidError:
        return verify_nothing(password) or None
    user = session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None:
        return verify_nothing(password) or None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def add_broker_profile(session: Session, user: User, level: str, fields: list[str],
                       zone_code: str | None, certificate_no: str = "") -> BrokerProfile:
    errors = FieldErrors()
    if user.role != "broker":
        errors.add("role", "只有技术经纪人可以设置经纪人档案")
    if level not in vocabulary("broker_levels"):
        errors.add("level", "经纪人等级无效")
    if any(f not in vocabulary("tech_fields") for f in fields):
        errors.add("fields", "技术领域无效")
    if zone_code and zone_code not in zones():
        errors.add("zone_code", "示范区代码无效")
    errors.raise_if_any()
    profile = BrokerProfile(user_id=user.id, level=level, fields=list(fields), zone_code=zone_code,
                            certificate_no=certificate_no, institution_org_id=user.org_id)
    session.add(profile)
    session.flush()
    return profile


def add_institution_profile(session: Session, org: Organisation, level: str,
                            services: str = "") -> InstitutionProfile:
    errors = FieldErrors()
    if level not in vocabulary("institution_levels"):
        errors.add("level", "技术转移机构级别无效")
    errors.raise_if_any()
    profile = InstitutionProfile(org_id=org.id, level=level, services=services)
    session.add(profile)
    session.flush()
    return profile


def set_verified(session: Session, actor: User, org: Organisation, verified: bool) -> Organisation:
    """The platform or the organisation's zone confirms (or withdraws) its verification."""
    if not can_verify(actor, org):
        raise PermissionDenied("只有平台管理员或所在示范区管理员可以认证机构")
    if verified and not org.evidence_path:
        raise ValidationFailed({"evidence": ["该机构尚未上传营业执照或法人证书，不能认证"]})
    org.verified = verified
    org.verification_status = "verified" if verified else "revoked"
    org.verified_by_id, org.verified_at = actor.id, now()
    audit.record(session, actor, "organisation.verify" if verified else "organisation.unverify",
                 org, org.name)
    session.flush()
    return org
