"""Organisations and users: creation with validation, authentication."""

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import BrokerProfile, InstitutionProfile, Organisation, User
from matchhub.accounts.passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password
from matchhub.audit import services as audit
from matchhub.core.errors import FieldErrors, PermissionDenied
from matchhub.core.identifiers import normalise_credit_code
from matchhub.core.regions import is_known_region, zones
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
    if not is_known_region(data.region_code):
        errors.add("region_code", "地区代码不在 GB/T 2260 代码表中")
    errors.raise_if_any()
    org = Organisation(name=name, credit_code=code, kind=data.kind, region_code=data.region_code,
                       description=data.description.strip(), verified=verified, is_demo=is_demo)
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


def create_user(session: Session, data: UserInput) -> User:
    errors = FieldErrors()
    email = ""
    try:
        email = normalise_email(data.email)
    except EmailNotValidError:
        errors.add("email", "邮箱格式无效")
    if email and session.scalar(select(User.id).where(func.lower(User.email) == email)):
        errors.add("email", "该邮箱已注册")
    if not data.display_name.strip() or len(data.display_name) > 100:
        errors.add("display_name", "姓名必填，且不超过 100 字")
    if len(data.password) < MIN_LENGTH:
        errors.add("password", f"密码至少 {MIN_LENGTH} 位")
    check_role_binding(session, data, errors)
    errors.raise_if_any()
    user = User(email=email, display_name=data.display_name.strip(),
                password_hash=hash_password(data.password), role=data.role,
                org_id=None if data.role in {"zone_admin", "platform_admin"} else data.org_id,
                zone_code=data.zone_code if data.role == "zone_admin" else None,
                phone=data.phone.strip())
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    try:
        email = normalise_email(email)
    except EmailNotValidError:
        return None
    user = session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None or not user.active or not verify_password(user.password_hash, password):
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
    """A platform administrator confirms (or withdraws) an organisation's verification."""
    if actor.role != "platform_admin":
        raise PermissionDenied("只有平台管理员可以认证机构")
    org.verified = verified
    audit.record(session, actor, "organisation.verify" if verified else "organisation.unverify",
                 org, org.name)
    session.flush()
    return org
