"""The demo cast: fictional organisations and one account for every role.

Organisations go through accounts.services (credit code, region and kind checks).
Users are created directly with one shared password hash, since Argon2 hashing the same
demo password for every account would take seconds; their role bindings are checked here.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session
from stdnum.cn import uscc

from matchhub.accounts.models import Organisation, User
from matchhub.accounts.passwords import hash_password
from matchhub.accounts.services import (
    ROLE_ORG_KINDS,
    OrganisationInput,
    add_broker_profile,
    add_institution_profile,
    create_organisation,
    normalise_email,
)
from matchhub.accounts.verification_history import open_period
from matchhub.contracts import officers
from matchhub.core.regions import zones
from matchhub.demo.files import load_demo_json

DEMO_PASSWORD = "matchhub-demo"
DEMO_EMAIL_DOMAIN = "demo.example"
# Registration authority + entity type of the 统一社会信用代码: 12 = 事业单位, 91 = 企业.
# Demo designations and credentials stand verified over every demo year.
DEMO_VERIFIED_AT = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
CREDIT_PREFIXES = {"university": "12", "institute": "12", "transfer_institution": "12"}


@dataclass
class Cast:
    specs: list[dict[str, Any]]
    orgs: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)  # by email

    def user_of(self, org_key: str, role: str) -> User:
        org_id = self.orgs[org_key].id
        return next(u for u in self.users.values() if u.org_id == org_id and u.role == role)

    @property
    def reviewer(self) -> User:
        return next(u for u in self.users.values() if u.role == "platform_admin")


def demo_credit_code(kind: str, region_code: str, serial: int) -> str:
    """A fictional but well-formed code: prefix, region, "MHD" + serial, check digit."""
    body = f"{CREDIT_PREFIXES.get(kind, '91')}{region_code}MHD{serial:06d}"
    return body + uscc.calc_check_digit(body)


def demo_accounts() -> list[dict[str, Any]]:
    return load_demo_json("organisations.json")["users"]


def create_cast(session: Session) -> Cast:
    data = load_demo_json("organisations.json")
    cast = Cast(specs=data["organisations"])
    for serial, spec in enumerate(cast.specs, start=1):
        cast.orgs[spec["key"]] = _create_org(session, spec, serial)
    password_hash = hash_password(DEMO_PASSWORD)
    for spec in data["users"]:
        user = _create_user(session, spec, cast.orgs, password_hash)
        cast.users[user.email] = user
        if spec.get("registry_officer"):
            office = spec["registry_officer"]
            officers.appoint(session, None, user, office["zone_code"], office["office"])
    return cast


def _create_org(session: Session, spec: dict[str, Any], serial: int) -> Organisation:
    code = demo_credit_code(spec["kind"], spec["region_code"], serial)
    org = create_organisation(session, OrganisationInput(
        spec["name"], code, spec["kind"], spec["region_code"], spec.get("description", "")),
        verified=True, is_demo=True)
    if spec.get("institution_level"):
        profile = add_institution_profile(session, org, spec["institution_level"],
                                          spec.get("services", ""))
        profile.verification_status = "verified"  # demo designations count as checked
        open_period(session, profile, DEMO_VERIFIED_AT)
    return org


def _create_user(session: Session, spec: dict[str, Any], orgs: dict[str, Organisation],
                 password_hash: str) -> User:
    org = orgs.get(spec.get("org", ""))
    _check_binding(spec, org)
    user = User(email=normalise_email(spec["email"]), display_name=spec["display_name"],
                password_hash=password_hash, role=spec["role"],
                org_id=org.id if org else None,
                zone_code=spec.get("zone_code") if spec["role"] == "zone_admin" else None)
    session.add(user)
    session.flush()
    if spec.get("broker"):
        broker = spec["broker"]
        profile = add_broker_profile(session, user, broker["level"], broker["fields"],
                                     broker.get("zone_code"), broker.get("certificate_no", ""))
        profile.verification_status = "verified"  # demo brokers' credentials count as checked
        open_period(session, profile, DEMO_VERIFIED_AT)
    return user


def _check_binding(spec: dict[str, Any], org: Organisation | None) -> None:
    """The rules accounts.services.create_user applies to role, organisation and zone."""
    role = spec["role"]
    if not spec["email"].endswith("@" + DEMO_EMAIL_DOMAIN):
        raise ValueError(f"demo account outside @{DEMO_EMAIL_DOMAIN}: {spec['email']}")
    if role in ROLE_ORG_KINDS and (org is None or org.kind not in ROLE_ORG_KINDS[role]):
        raise ValueError(f"demo account {spec['email']}: role {role} cannot belong to {org}")
    if role == "zone_admin" and spec.get("zone_code") not in zones():
        raise ValueError(f"demo account {spec['email']}: unknown zone")
