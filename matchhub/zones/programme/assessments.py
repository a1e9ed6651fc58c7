"""The province's final assessment (总结评估) at the end of a zone's construction period:
started (评估中), then recorded with a conclusion, score, note and the indicator history
of the period. A passing conclusion accepts the zone (已验收); a failing one sends it
back to construction (建设中) for rectification."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.core.errors import FieldErrors, InvalidTransition
from matchhub.core.text import clean_text
from matchhub.zones.access import require_province_admin, require_zone
from matchhub.zones.models import ZoneAssessment
from matchhub.zones.programme.status import CONCLUSIONS, get_programme
from matchhub.zones.statistics.history import indicator_history

if TYPE_CHECKING:
    from matchhub.accounts.models import User

MAX_SCORE = Decimal(100)


def assessments(session: Session, code: str) -> list[ZoneAssessment]:
    stmt = select(ZoneAssessment).filter_by(zone_code=code).order_by(ZoneAssessment.id)
    return list(session.scalars(stmt))


def start_assessment(session: Session, user: User, code: str):
    require_province_admin(user)
    require_zone(code)
    programme = get_programme(session, code)
    if programme.status != "building":
        raise InvalidTransition("只有建设中的示范区可以开始总结评估")
    programme.status = "evaluating"
    session.flush()
    return programme


def _score(errors: FieldErrors, raw: object) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or not 0 <= value <= MAX_SCORE or value != value.quantize(
            Decimal("0.1")):
        errors.add("score", "评分应在 0-100 之间，最多 1 位小数")
        return None
    return value


def record_assessment(session: Session, user: User, code: str, conclusion: str,
                      score: object, note: str, today: dt.date) -> ZoneAssessment:
    require_province_admin(user)
    require_zone(code)
    programme = get_programme(session, code)
    if programme.status != "evaluating":
        raise InvalidTransition("请先开始总结评估")
    errors = FieldErrors()
    if conclusion not in CONCLUSIONS:
        errors.add("conclusion", "请选择评估结论")
    value = _score(errors, score)
    errors.raise_if_any()
    row = ZoneAssessment(
        zone_code=code, start_year=programme.start_year, end_year=programme.end_year,
        conclusion=conclusion, score=value,
        note=clean_text(note, "note", limit=5000, multiline=True),
        history=indicator_history(session, code, programme.start_year, programme.end_year,
                                  today),
        assessed_by_id=user.id)
    programme.status = "building" if conclusion == "failed" else "accepted"
    session.add(row)
    session.flush()
    return row
