"""The 「匹配推荐」 part of an achievement's or need's detail page."""

from typing import Any

from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.extensions import db
from matchhub.matching.access import can_view_feedback, can_view_matches
from matchhub.matching.feedback import feedback_summary
from matchhub.matching.services import rank_matches
from matchhub.matching.weights import default_weights, feedback_reasons
from matchhub.search import get_search_backend

SHOWN = 10


def match_context(item: Any) -> dict:
    """Matches for those who may see them, the feedback aggregate for the owner."""
    user = me()
    context: dict = {"matches": None, "match_feedback": None,
                     "feedback_reasons": feedback_reasons().choices()}
    if can_view_matches(user, item):
        context["matches"] = rank_matches(db.session, get_search_backend(), item, today(),
                                          SHOWN, default_weights())
    if can_view_feedback(user, item):
        context["match_feedback"] = feedback_summary(db.session, user, item)
    return context
