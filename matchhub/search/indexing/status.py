"""What the outbox holds: pending and dead-lettered changes (``indexer status``, the
admin search page)."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from matchhub.core.db_types import utcnow
from matchhub.search.indexing.models import DEAD, PENDING, OutboxEntry


@dataclass
class OutboxSummary:
    pending: int
    retrying: int  # pending rows that failed at least once
    dead: int
    oldest_pending: dt.datetime | None
    dead_rows: list[OutboxEntry]


def outbox_summary(session: Session, dead_limit: int = 50) -> OutboxSummary:
    counts = dict(session.execute(
        select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)).all())
    pending = OutboxEntry.state == PENDING
    retrying = session.scalar(select(func.count()).where(pending, OutboxEntry.attempts > 0))
    oldest = session.scalar(select(func.min(OutboxEntry.created_at)).where(pending))
    dead_rows = session.scalars(select(OutboxEntry).where(OutboxEntry.state == DEAD)
                                .order_by(OutboxEntry.id.desc()).limit(dead_limit))
    return OutboxSummary(counts.get(PENDING, 0), retrying or 0, counts.get(DEAD, 0), oldest,
                         list(dead_rows))


def requeue_dead(session: Session) -> int:
    """Give every dead-lettered change a fresh set of attempts (after fixing the cause)."""
    result = session.execute(
        update(OutboxEntry).where(OutboxEntry.state == DEAD)
        .values(state=PENDING, attempts=0, next_attempt_at=utcnow()))
    return result.rowcount
