"""Who may see and work on a match case.

A case is seen by the brokers on it, the members of the parties' organisations (the
need's owner and every offered achievement's owner) and platform administrators; to
anyone else it does not exist (404). Brokers on the case and platform administrators
move it on; the parties rate it once it is closed. Brokers and platform administrators
open cases; an institution's administrator assigns needs to that institution's brokers.
A broker opens, works and is assigned cases only once verified (a verified, unexpired
credential in a verified organisation); an institution's administrator routes only for a
verified organisation.
"""

from sqlalchemy import Select, exists, or_, select

from matchhub.accounts.models import BrokerProfile, User
from matchhub.accounts.standing import in_verified_org, verified_broker
from matchhub.cases.models import CaseAchievement, CaseBroker, MatchCase
from matchhub.cases.workflow import CLOSED_STATES
from matchhub.catalog.models import Achievement, Need
from matchhub.core.current_user import signed_in

OPENER_ROLES = frozenset({"broker", "platform_admin"})


def party_org_ids(case: MatchCase) -> set[int]:
    return {case.need.owner_org_id, *(a.owner_org_id for a in case.achievements)}


def is_broker_on(user: User | None, case: MatchCase) -> bool:
    return signed_in(user) and any(link.broker_id == user.id for link in case.broker_links)


def is_party(user: User | None, case: MatchCase) -> bool:
    return signed_in(user) and user.org_id is not None and user.org_id in party_org_ids(case)


def can_view(user: User | None, case: MatchCase) -> bool:
    if not signed_in(user):
        return False
    return user.role == "platform_admin" or is_broker_on(user, case) or is_party(user, case)


def can_work(user: User | None, case: MatchCase) -> bool:
    """Move the case on, plan the next action, add achievements and brokers."""
    if not signed_in(user):
        return False
    return user.role == "platform_admin" or (is_broker_on(user, case) and verified_broker(user))


def can_rate(user: User | None, case: MatchCase) -> bool:
    return (case.status in CLOSED_STATES and is_party(user, case)
            and not is_broker_on(user, case))


def can_open(user: User | None) -> bool:
    if not signed_in(user) or user.role not in OPENER_ROLES:
        return False
    return user.role == "platform_admin" or verified_broker(user)


def is_institution_admin(user: User | None) -> bool:
    return (signed_in(user) and user.role == "org_admin" and user.organisation is not None
            and user.organisation.kind == "transfer_institution" and in_verified_org(user))


def can_route(user: User | None) -> bool:
    """Use the routing page: platform administrators and institution administrators."""
    return signed_in(user) and (user.role == "platform_admin" or is_institution_admin(user))


def can_assign(user: User | None, broker: User) -> bool:
    """Assign ``broker`` by hand: platform admins any broker, institution admins their own."""
    profile = broker.broker_profile
    if broker.role != "broker" or not broker.active or profile is None:
        return False
    if not verified_broker(broker):
        return False
    if signed_in(user) and user.role == "platform_admin":
        return True
    return is_institution_admin(user) and profile.institution_org_id == user.org_id


def assignable_brokers_query(user: User) -> Select:
    stmt = select(User).join(BrokerProfile, BrokerProfile.user_id == User.id).where(
        User.role == "broker", User.active.is_(True),
        BrokerProfile.verification_status == "verified")
    if user.role != "platform_admin":
        stmt = stmt.where(BrokerProfile.institution_org_id == user.org_id)
    return stmt.order_by(User.display_name, User.id)


def visible_filter(user: User):
    """A WHERE clause for the cases ``user`` may see (platform admins: all)."""
    if user.role == "platform_admin":
        return MatchCase.id.is_not(None)
    on_case = exists().where(CaseBroker.case_id == MatchCase.id, CaseBroker.broker_id == user.id)
    if user.org_id is None:
        return on_case
    need_party = exists().where(Need.id == MatchCase.need_id, Need.owner_org_id == user.org_id)
    offer_party = exists().where(CaseAchievement.case_id == MatchCase.id,
                                 Achievement.id == CaseAchievement.achievement_id,
                                 Achievement.owner_org_id == user.org_id)
    return or_(on_case, need_party, offer_party)
