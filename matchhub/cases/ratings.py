"""The parties' ratings of a closed case (1-5, one per person)."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.cases import access
from matchhub.cases.inputs import clean_text
from matchhub.cases.models import CaseRating, MatchCase
from matchhub.core.errors import Conflict, PermissionDenied, ValidationFailed
from matchhub.core.races import insert_once

COMMENT_LIMIT = 500
RATED = "您已评价过该对接单"


def _score(raw: Any) -> int:
    try:
        score = int(str(raw).strip())
    except (TypeError, ValueError):
        score = 0
    if isinstance(raw, bool) or not 1 <= score <= 5:
        raise ValidationFailed({"score": ["请选择 1-5 分"]})
    return score


def rating_by(session: Session, case: MatchCase, user: User | None) -> CaseRating | None:
    if user is None:
        return None
    stmt = select(CaseRating).where(CaseRating.case_id == case.id, CaseRating.rater_id == user.id)
    return session.scalar(stmt)


def rate_case(session: Session, user: User, case: MatchCase, score: Any,
              comment: Any = "") -> CaseRating:
    if not access.can_rate(user, case):
        raise PermissionDenied("只有对接双方机构的成员可以在对接单关闭后评价")
    score, comment = _score(score), clean_text(comment, "comment", COMMENT_LIMIT)
    if rating_by(session, case, user) is not None:
        raise Conflict(RATED)
    rating = CaseRating(case_id=case.id, rater_id=user.id, score=score, comment=comment)
    insert_once(session, rating, RATED)  # a concurrent second rating lost the race
    return rating


def ratings_of(session: Session, case: MatchCase) -> list[CaseRating]:
    stmt = select(CaseRating).where(CaseRating.case_id == case.id).order_by(CaseRating.id)
    return list(session.scalars(stmt))
