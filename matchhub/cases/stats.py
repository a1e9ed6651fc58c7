"""Broker and institution figures: cases handled, conversion, contract volume brought in,
median days to sign and average rating. Counts and sums are SQL aggregates; the median is
taken over the one column of signing durations.

Conversion rate = cases signed or registered / cases with an outcome (signed, registered
or terminated); cases still in progress do not count either way.
"""

import statistics
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, case, distinct, func, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import BrokerProfile
from matchhub.cases.models import CaseBroker, CaseRating, MatchCase
from matchhub.cases.workflow import DECIDED_STATES, WON_STATES
from matchhub.contracts.queries import active_volume

SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class CaseStats:
    handled: int
    decided: int
    won: int
    volume: Decimal  # 元, active contracts registered from the cases
    contracts: int
    median_days_to_sign: float | None
    average_rating: float | None
    ratings: int

    @property
    def conversion_rate(self) -> float | None:
        return self.won / self.decided if self.decided else None


def _case_ids(scope: ColumnElement[bool]):
    """The ids of the cases with a broker matching ``scope`` (a clause on CaseBroker)."""
    return (select(CaseBroker.case_id)
            .join(BrokerProfile, BrokerProfile.user_id == CaseBroker.broker_id, isouter=True)
            .where(scope).distinct())


def _counts(session: Session, ids) -> tuple[int, int, int]:
    stmt = select(func.count(distinct(MatchCase.id)),
                  func.count(case((MatchCase.status.in_(DECIDED_STATES), 1))),
                  func.count(case((MatchCase.status.in_(WON_STATES), 1)))
                  ).where(MatchCase.id.in_(ids))
    handled, decided, won = session.execute(stmt).one()
    return handled, decided, won


def _median_days(session: Session, ids) -> float | None:
    stmt = select(MatchCase.opened_at, MatchCase.signed_at).where(
        MatchCase.id.in_(ids), MatchCase.signed_at.is_not(None))
    days = [(signed - opened).total_seconds() / SECONDS_PER_DAY
            for opened, signed in session.execute(stmt)]
    return round(statistics.median(days), 1) if days else None


def _rating(session: Session, ids) -> tuple[float | None, int]:
    stmt = select(func.avg(CaseRating.score), func.count(CaseRating.id)).where(
        CaseRating.case_id.in_(ids))
    average, count = session.execute(stmt).one()
    return (round(float(average), 1) if average is not None else None), count


def _stats(session: Session, scope: ColumnElement[bool]) -> CaseStats:
    ids = _case_ids(scope)
    handled, decided, won = _counts(session, ids)
    volume, contracts = active_volume(session, ids)
    average, ratings = _rating(session, ids)
    return CaseStats(handled, decided, won, volume, contracts, _median_days(session, ids),
                     average, ratings)


def broker_stats(session: Session, broker_id: int) -> CaseStats:
    return _stats(session, CaseBroker.broker_id == broker_id)


def institution_stats(session: Session, org_id: int) -> CaseStats:
    """Over the cases of every broker of the institution."""
    return _stats(session, BrokerProfile.institution_org_id == org_id)
