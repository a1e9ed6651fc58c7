"""Draining the search outbox: claim a batch in id order, apply it, settle each row.

Rows carry no payload, so applying one re-reads the item (matchhub.search.indexing): a
replay, or two rows for one item, leaves the index as the database is. A batch that
fails is retried item by item so that one bad item does not hold back the others; an
item that keeps failing is dead-lettered with its error after ``max_attempts``.
"""

import datetime as dt
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matchhub.core.db_types import utcnow
from matchhub.search.backends.base import BaseSearchBackend
from matchhub.search.indexing.hooks import read_documents, with_dependents, write_documents
from matchhub.search.indexing.locks import BaseIndexLocks
from matchhub.search.indexing.models import DEAD, PENDING, OutboxEntry
from matchhub.search.indexing.settings import IndexerSettings

log = logging.getLogger(__name__)
Key = tuple[str, int]
MAX_ERROR_CHARS = 2000


@dataclass
class BatchResult:
    claimed: int = 0
    applied: int = 0  # rows done (and deleted)
    retrying: int = 0  # rows that failed and wait for their next attempt
    dead: int = 0  # rows that failed for the last time
    skipped: int = 0  # rows left for another indexer that holds their item
    paused: bool = False  # a rebuild runs: nothing applied

    def add(self, other: "BatchResult") -> None:
        for name in ("claimed", "applied", "retrying", "dead", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def claim(session: Session, limit: int, now: dt.datetime) -> list[OutboxEntry]:
    """The oldest rows due, locked; rows another indexer holds are skipped (PostgreSQL)."""
    stmt = (select(OutboxEntry)
            .where(OutboxEntry.state == PENDING, OutboxEntry.next_attempt_at <= now)
            .order_by(OutboxEntry.id).limit(limit).with_for_update(skip_locked=True))
    return list(session.scalars(stmt))


def drain_batch(session: Session, backend: BaseSearchBackend, locks: BaseIndexLocks,
                settings: IndexerSettings, now: dt.datetime | None = None) -> BatchResult:
    """Apply one batch and commit; the caller loops."""
    now = now or utcnow()
    rows = claim(session, settings.batch_size, now)
    if not rows:
        session.rollback()
        return BatchResult()
    needs = {row.key: _affected(session, row.key) for row in rows}
    with locks.changes(session, set().union(*needs.values()), wait=False) as grant:
        if not grant.gate_open:
            session.rollback()
            return BatchResult(claimed=len(rows), paused=True)
        ready = [row for row in rows if needs[row.key] <= grant.keys]
        errors = apply_keys(session, backend, set().union(*(needs[r.key] for r in ready)))
        result = settle(session, ready, needs, errors, settings, now)
        result.claimed, result.skipped = len(rows), len(rows) - len(ready)
        if settings.batch_pause_seconds:
            time.sleep(settings.batch_pause_seconds)
        session.commit()
    return result


def _affected(session: Session, key: Key) -> set[Key]:
    return with_dependents(session, [key]) if key[0] == "organisation" else {key}


def apply_keys(session: Session, backend: BaseSearchBackend, keys: set[Key]) -> dict[Key, str]:
    """Write every key's current document (or delete it); the errors of those that failed."""
    if not keys:
        return {}
    try:
        write_documents(backend, *read_documents(session, keys))
        return {}
    except Exception:
        log.warning("batch of %d failed; applying its items one by one", len(keys),
                    exc_info=True)
    errors = {}
    for key in sorted(keys):
        try:
            write_documents(backend, *read_documents(session, [key]))
        except Exception as exc:
            errors[key] = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]
    return errors


def settle(session: Session, rows: Iterable[OutboxEntry], needs: dict[Key, set[Key]],
           errors: dict[Key, str], settings: IndexerSettings, now: dt.datetime) -> BatchResult:
    """Delete the rows applied; count an attempt on the others (dead after the last)."""
    result, done = BatchResult(), []
    for row in rows:
        error = next((errors[k] for k in sorted(needs[row.key]) if k in errors), None)
        if error is None:
            done.append(row.id)
            continue
        row.attempts += 1
        row.last_error = error
        if row.attempts >= settings.max_attempts:
            row.state = DEAD
            result.dead += 1
        else:
            row.next_attempt_at = now + dt.timedelta(seconds=settings.backoff(row.attempts))
            result.retrying += 1
    session.execute(delete(OutboxEntry).where(OutboxEntry.id.in_(done)))
    result.applied = len(done)
    return result
