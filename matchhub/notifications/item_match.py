"""Which newly published items match a user's own need or achievement: the matching
service's ranking (the 「匹配推荐」 of the detail page) restricted to the new items."""

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from matchhub.catalog.access import is_owner
from matchhub.catalog.services import MODELS
from matchhub.matching.services import rank_matches
from matchhub.matching.weights import candidate_count, default_weights
from matchhub.notifications.models import Subscription
from matchhub.search.backends.base import BaseSearchBackend


def item_matches(session: Session, backend: BaseSearchBackend, sub: Subscription,
                 new_rows: dict[int, Any], today: dt.date) -> list[tuple[Any, float]]:
    """(row, score) for each new row of the opposite kind among the item's matches."""
    item = session.get(MODELS[sub.item_type], sub.item_id)
    if not new_rows or item is None or not is_owner(sub.user, item):
        return []
    ranked = rank_matches(session, backend, item, today, candidate_count(), default_weights())
    return [(m.row, m.score) for m in ranked if m.row.id in new_rows]
