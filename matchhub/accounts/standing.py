"""Whom the rules trust: members of verified organisations, verified brokers and
designations, and who may decide on each verification. Every rule that lets an account
publish, register a contract, open or work a case, or be counted reads these."""

import datetime as dt

from matchhub.accounts.models import BrokerProfile, InstitutionProfile, Organisation, User
from matchhub.core.clock import today
from matchhub.core.current_user import signed_in
from matchhub.core.regions import zone_for_region

OFFICIAL_ROLES = frozenset({"platform_admin", "zone_admin"})


def org_verified(org: Organisation | None, day: dt.date | None = None) -> bool:
    """The organisation was verified against its licence and the verification is valid."""
    day = day or today()
    return (org is not None and org.verified
            and (org.valid_from is None or org.valid_from <= day)
            and (org.valid_to is None or day <= org.valid_to))


def in_verified_org(user: User | None, day: dt.date | None = None) -> bool:
    """A signed-in member (approved) of a verified organisation."""
    return signed_in(user) and org_verified(user.organisation, day)


def is_official(user: User | None) -> bool:
    return signed_in(user) and user.role in OFFICIAL_ROLES


def verified_broker(user: User | None, day: dt.date | None = None) -> bool:
    """A broker with a verified, unexpired credential in a verified organisation."""
    if not signed_in(user) or user.role != "broker" or user.broker_profile is None:
        return False
    return user.broker_profile.valid_on(day or today()) and in_verified_org(user, day)


def record_zone(record: Organisation | BrokerProfile | InstitutionProfile) -> str:
    """The zone whose administrators may verify ``record`` ("" = none, platform only)."""
    if isinstance(record, BrokerProfile):
        org = record.user.organisation
        return zone_for_region(record.zone_code) or zone_for_region(org.region_code if org
                                                                    else None)
    org = record.organisation if isinstance(record, InstitutionProfile) else record
    return zone_for_region(org.region_code)


def can_verify(user: User | None, record: Organisation | BrokerProfile | InstitutionProfile
               ) -> bool:
    """Platform administrators verify anything; zone administrators what is in their zone."""
    if not signed_in(user):
        return False
    if user.role == "platform_admin":
        return True
    return user.role == "zone_admin" and bool(user.zone_code) and (
        user.zone_code == record_zone(record))


def can_decide_membership(user: User | None, org_id: int) -> bool:
    """Platform administrators, and the administrators of a verified organisation, decide
    on requests to join it."""
    if not signed_in(user):
        return False
    if user.role == "platform_admin":
        return True
    return user.role == "org_admin" and user.org_id == org_id and in_verified_org(user)
