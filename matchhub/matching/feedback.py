""""Not relevant" marks on recommendations: recording them, the pairs they exclude and
the aggregate an item's owner sees."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.core.errors import Conflict, FieldErrors, PermissionDenied
from matchhub.core.races import insert_once
from matchhub.core.text import clean_text
from matchhub.matching.access import can_view_feedback, require_match_access
from matchhub.matching.candidates import OPPOSITE
from matchhub.matching.models import MatchFeedback
from matchhub.matching.weights import feedback_reasons

NOTE_MAX = 200

ALREADY_MARKED = "您已将该推荐标记为不相关"


@dataclass(frozen=True)
class ReasonCount:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class FeedbackSummary:
    total: int
    reasons: list[ReasonCount]


def _pair_ids(source: Any, recommended: Any) -> tuple[int, int]:
    """(need id, achievement id) of a source item and one of its recommendations."""
    if source.item_type == "need":
        return source.id, recommended.id
    return recommended.id, source.id


def _check_input(source: Any, recommended: Any, reason: str, note: str) -> None:
    errors = FieldErrors()
    if recommended.item_type != OPPOSITE[source.item_type]:
        errors.add("recommended", "推荐对象类型不符")
    if reason not in feedback_reasons():
        errors.add("reason", "请选择不相关的原因")
    if len(note) > NOTE_MAX:
        errors.add("note", f"补充说明不能超过 {NOTE_MAX} 字")
    errors.raise_if_any()


def mark_not_relevant(session: Session, user: User | None, source: Any, recommended: Any,
                      reason: str, note: str = "") -> MatchFeedback:
    """Record that ``recommended`` does not suit ``source``; the pair stops being offered."""
    require_match_access(user, source)
    note = clean_text(note, "note", limit=NOTE_MAX, multiline=True)
    _check_input(source, recommended, reason, note)
    need_id, achievement_id = _pair_ids(source, recommended)
    if session.scalar(select(MatchFeedback.id).where(
            MatchFeedback.need_id == need_id, MatchFeedback.achievement_id == achievement_id,
            MatchFeedback.user_id == user.id)) is not None:
        raise Conflict(ALREADY_MARKED)
    mark = MatchFeedback(need_id=need_id, achievement_id=achievement_id, user_id=user.id,
                         recommended_type=recommended.item_type, reason=reason, note=note)
    insert_once(session, mark, ALREADY_MARKED)  # a concurrent second mark lost the race
    return mark


def excluded_ids(session: Session, item: Any) -> set[int]:
    """Ids of the opposite kind paired with ``item`` in any mark."""
    mine, other = ((MatchFeedback.need_id, MatchFeedback.achievement_id)
                   if item.item_type == "need"
                   else (MatchFeedback.achievement_id, MatchFeedback.need_id))
    return set(session.scalars(select(other).where(mine == item.id)))


def feedback_summary(session: Session, user: User | None, item: Any) -> FeedbackSummary:
    """How often, and why, ``item`` was marked not relevant when it was recommended."""
    if not can_view_feedback(user, item):
        raise PermissionDenied("只有发布方可以查看推荐反馈")
    column = (MatchFeedback.need_id if item.item_type == "need"
              else MatchFeedback.achievement_id)
    rows = session.execute(
        select(MatchFeedback.reason, func.count()).where(
            column == item.id, MatchFeedback.recommended_type == item.item_type)
        .group_by(MatchFeedback.reason)).all()
    counts = dict(rows)
    labels = feedback_reasons()
    reasons = [ReasonCount(code, labels.label(code), counts[code])
               for code in labels.codes if counts.get(code)]
    return FeedbackSummary(sum(counts.values()), reasons)
