"""The best open need-achievement pairs in a broker's fields and zone.

Needs drive the search: the newest open needs in the broker's fields whose region lies in
the broker's zone, each with its best few achievements (from anywhere); the pairs are then
ranked together by score.
"""

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.catalog.models import Achievement, Need
from matchhub.core.regions import zone_for_region
from matchhub.matching import scoring
from matchhub.matching.access import BrokerScope, broker_scope
from matchhub.matching.services import rank_matches
from matchhub.matching.weights import MatchWeights, default_weights
from matchhub.search.backends.base import BaseSearchBackend

NEEDS_SCANNED = 30
PER_NEED = 3


@dataclass
class PairMatch:
    need: Need
    achievement: Achievement
    score: float
    reasons: list[scoring.Factor]
    snippets: dict[str, Markup] = field(default_factory=dict)


def open_needs(session: Session, scope: BrokerScope, today: dt.date, limit: int) -> list[Need]:
    """Published, unexpired needs in the scope's fields and zone, newest first."""
    stmt = select(Need).where(Need.status == "published", Need.deadline >= today)
    if scope.fields:
        stmt = stmt.where(Need.field.in_(scope.fields))
    if scope.zone:
        stmt = stmt.where(Need.region_code.startswith(scope.zone[:4]))
    stmt = stmt.order_by(Need.published_at.desc(), Need.id.desc()).limit(limit * 3)
    found = [n for n in session.scalars(stmt)
             if not scope.zone or zone_for_region(n.region_code) == scope.zone]
    return found[:limit]


def broker_pairs(session: Session, backend: BaseSearchBackend, user: User | None,
                 today: dt.date, limit: int = 20, weights: MatchWeights | None = None,
                 own_scope: bool = False) -> list[PairMatch]:
    """The best pairs over the open needs of every zone and field, or with ``own_scope``
    of the broker's own zone and fields only."""
    scope = broker_scope(user)
    if not own_scope:
        scope = BrokerScope()
    weights = weights or default_weights()
    pairs = [PairMatch(need, m.row, m.score, m.reasons, m.snippets)
             for need in open_needs(session, scope, today, NEEDS_SCANNED)
             for m in rank_matches(session, backend, need, today, PER_NEED, weights)]
    pairs.sort(key=lambda p: -p.score)
    return pairs[:limit]
