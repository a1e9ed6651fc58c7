"""The history of broker and institution verifications (``VerificationPeriod``): a period
opens when a record is approved and ends when it is revoked, refused or resubmitted.
Counts "as of" a date read these periods, never the record's current state."""

import datetime as dt

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import BrokerProfile, InstitutionProfile, VerificationPeriod
from matchhub.core import clock


def _snapshot(record: BrokerProfile | InstitutionProfile) -> dict:
    if isinstance(record, BrokerProfile):
        org = record.user.organisation
        region = record.zone_code or (org.region_code if org else "") or ""
        return {"kind": "broker", "level": record.level, "reference": record.certificate_no,
                "name": record.user.display_name, "region_code": region}
    return {"kind": "institution", "level": record.level,
            "reference": record.batch or "", "name": record.organisation.name,
            "region_code": record.organisation.region_code or ""}


def open_period(session: Session, record: BrokerProfile | InstitutionProfile,
                at: dt.datetime) -> VerificationPeriod:
    """Start a verified period for ``record`` as it stands now (ending any open one)."""
    end_period(session, record, at, "superseded")
    period = VerificationPeriod(record_id=record.id, verified_at=at,
                                valid_from=record.valid_from, valid_to=record.valid_to,
                                **_snapshot(record))
    session.add(period)
    return period


def end_period(session: Session, record, at: dt.datetime, reason: str) -> None:
    """End the open period of ``record`` (if any): revoked, refused, resubmitted."""
    if not isinstance(record, BrokerProfile | InstitutionProfile):
        return
    kind = "broker" if isinstance(record, BrokerProfile) else "institution"
    stmt = select(VerificationPeriod).where(VerificationPeriod.kind == kind,
                                            VerificationPeriod.record_id == record.id,
                                            VerificationPeriod.ended_at.is_(None))
    for period in session.scalars(stmt):
        period.ended_at, period.end_reason = at, reason


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after ``day`` in the configured time zone."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=clock.zone())


def standing_on(day: dt.date):
    """A filter: the period was verified by the end of ``day``, not ended by then, and its
    validity covers ``day``."""
    end = end_of_day(day)
    period = VerificationPeriod
    return and_(period.verified_at < end,
                or_(period.ended_at.is_(None), period.ended_at >= end),
                or_(period.valid_from.is_(None), period.valid_from <= day),
                or_(period.valid_to.is_(None), period.valid_to >= day))


def periods_on(session: Session, kind: str, day: dt.date,
               level: str | None = None) -> list[VerificationPeriod]:
    """The periods of ``kind`` (optionally one level) standing on ``day``, by name."""
    stmt = select(VerificationPeriod).where(VerificationPeriod.kind == kind, standing_on(day))
    if level is not None:
        stmt = stmt.where(VerificationPeriod.level == level)
    if kind == "broker":
        stmt = stmt.where(VerificationPeriod.reference != "")
    return list(session.scalars(stmt.order_by(VerificationPeriod.name, VerificationPeriod.id)))
