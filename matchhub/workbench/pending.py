"""What waits for a user, counted from the features' queries (no web code here)."""

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from matchhub.accounts import verification
from matchhub.accounts.models import User
from matchhub.cases.models import MatchCase
from matchhub.cases.services import visible_query
from matchhub.cases.workflow import OPEN_STATES
from matchhub.catalog import queries
from matchhub.catalog.access import can_create
from matchhub.catalog.models import Achievement, DetailAccess, Need
from matchhub.contracts.access import officer_zones
from matchhub.contracts.models import Contract

OWNER_ROLES = frozenset({"publisher", "enterprise", "org_admin"})
REVIEW_ROLES = frozenset({"zone_admin", "platform_admin"})
NEW_NEED_DAYS = 7
NEEDS_SHOWN = 5


@dataclass
class Workload:
    """Counts by name (see ``WAITING``: the ones that are work to do) and the rows shown."""

    counts: dict[str, int] = field(default_factory=dict)
    listings: dict[str, dict[str, int]] = field(default_factory=dict)
    cases: list[MatchCase] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)  # published, for their 匹配推荐

    @property
    def waiting(self) -> int:
        return sum(self.counts.get(name, 0) for name in WAITING)


# The counts that ask this user to act (summed into the navigation's badge).
WAITING = ("review", "contracts", "requests", "cases_due", "expiring", "verifications")


def _count(session: Session, stmt: Select) -> int:
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def listings_by_status(session: Session, user: User, model) -> dict[str, int]:
    owned = queries.owned_query(model, user).order_by(None).subquery()
    rows = session.execute(select(owned.c.status, func.count()).group_by(owned.c.status))
    return dict(rows.all())


def detail_requests(session: Session, user: User) -> int:
    owned = queries.owned_query(Achievement, user).order_by(None).with_only_columns(
        Achievement.id)
    return _count(session, select(DetailAccess).where(
        DetailAccess.status == "requested", DetailAccess.achievement_id.in_(owned)))


def expiring(session: Session, user: User, today: dt.date, days: int) -> int:
    last = today + dt.timedelta(days=days)
    total = 0
    for model, end in ((Achievement, Achievement.valid_until), (Need, Need.deadline)):
        total += _count(session, queries.owned_query(model, user).where(
            model.status == "published", end >= today, end <= last))
    return total


def open_cases(session: Session, user: User) -> list[MatchCase]:
    return list(session.scalars(visible_query(user).where(
        MatchCase.status.in_(OPEN_STATES)).limit(50)))


def new_needs(session: Session, today: dt.date) -> int:
    since = today - dt.timedelta(days=NEW_NEED_DAYS)
    return _count(session, select(Need).where(
        Need.status == "published", Need.deadline >= today,
        func.date(Need.published_at) >= since))


def _owner_part(session: Session, user: User, today: dt.date, days: int, load: Workload):
    load.listings = {"achievement": listings_by_status(session, user, Achievement),
                     "need": listings_by_status(session, user, Need)}
    if load.listings["achievement"] or can_create(user, "achievement"):
        load.counts["requests"] = detail_requests(session, user)
    load.counts["expiring"] = expiring(session, user, today, days)
    load.needs = list(session.scalars(queries.owned_query(Need, user).where(
        Need.status == "published", Need.deadline >= today).limit(NEEDS_SHOWN)))


def contracts_to_confirm(session: Session, user: User) -> int:
    """Contracts waiting (待认定) for this registry officer: those whose seller is in a zone
    they register for; every one for a platform administrator; none for anyone else."""
    stmt = select(Contract).where(Contract.status == "pending")
    if user.role != "platform_admin":
        zones = officer_zones(user)
        if not zones:
            return 0
        stmt = stmt.where(Contract.seller_zone.in_(zones))
    return _count(session, stmt)


def _review_part(session: Session, user: User, load: Workload) -> None:
    load.counts["review"] = sum(_count(session, queries.review_query(model, user))
                                for model in (Achievement, Need))
    load.counts["contracts"] = contracts_to_confirm(session, user)


def workload(session: Session, user: User, today: dt.date, reminder_days: int) -> Workload:
    """Everything the workbench shows for ``user``."""
    load = Workload()
    if user.role in OWNER_ROLES:
        _owner_part(session, user, today, reminder_days, load)
    if user.role in REVIEW_ROLES:
        _review_part(session, user, load)
    if user.role == "platform_admin":
        load.counts["verifications"] = len(verification.queue(session, user))
    if user.role != "zone_admin":
        load.cases = open_cases(session, user)
        load.counts["cases_due"] = sum(1 for c in load.cases if c.due_on and c.due_on <= today)
        load.counts["cases_open"] = len(load.cases)
    if user.role in {"broker", "platform_admin"}:
        load.counts["new_needs"] = new_needs(session, today)
    return load


def waiting_count(session: Session, user: User, today: dt.date, reminder_days: int) -> int:
    return workload(session, user, today, reminder_days).waiting
