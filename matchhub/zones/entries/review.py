"""The province's review of what zones report: each reported value is accepted or returned
with a reason; a featured indicator's target counts once the province approves it. The
history of every value (who, when, source, evidence, review) stays visible."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.audit import services as audit
from matchhub.core.db_types import utcnow
from matchhub.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from matchhub.zones.access import is_province_reviewer
from matchhub.zones.models import FeaturedIndicator, ReportedValue

if TYPE_CHECKING:
    from matchhub.accounts.models import User


def _require_reviewer(user: User | None) -> None:
    if not is_province_reviewer(user):
        raise PermissionDenied("只有省级管理员可以审核示范区填报的数据")


def review_value(session: Session, user: User | None, value_id: int, accept: bool,
                 reason: str = "") -> ReportedValue:
    """Accept a reported value, or return it to the zone with a reason."""
    _require_reviewer(user)
    row = session.get(ReportedValue, value_id)
    if row is None:
        raise NotFound("没有这条填报数据")
    if row.review_status != "submitted":
        raise InvalidTransition("这条填报数据已审核")
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationFailed({"reason": ["退回时请填写理由"]})
    row.review_status = "accepted" if accept else "returned"
    row.review_note, row.reviewed_by_id, row.reviewed_at = reason[:2000], user.id, utcnow()
    audit.record(session, user, "zone_value.accept" if accept else "zone_value.return", row,
                 f"{row.zone_code} {row.year} {row.code}：{reason}"[:500])
    session.flush()
    return row


def value_history(session: Session, scope: str, year: int, code: str) -> list[ReportedValue]:
    """Every entry of one value, newest first."""
    stmt = (select(ReportedValue).filter_by(zone_code=scope, year=year, code=code)
            .order_by(ReportedValue.id.desc()))
    return list(session.scalars(stmt))


def approve_featured_target(session: Session, user: User | None,
                            featured_id: int) -> FeaturedIndicator:
    _require_reviewer(user)
    row = session.get(FeaturedIndicator, featured_id)
    if row is None:
        raise NotFound("没有这个特色指标")
    if row.target is None or row.target_status == "approved":
        raise InvalidTransition("该特色指标没有待批准的目标")
    row.target_status, row.target_approved_by_id, row.target_approved_at = (
        "approved", user.id, utcnow())
    audit.record(session, user, "zone_featured.approve_target", row,
                 f"{row.zone_code} {row.year} {row.name}"[:500])
    session.flush()
    return row
