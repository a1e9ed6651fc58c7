"""Writing and clearing outbox rows (matchhub.search.indexing.models.OutboxEntry)."""

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.orm import Session

from matchhub.core.db_types import utcnow
from matchhub.search.indexing.models import PENDING, OutboxEntry

Key = tuple[str, int]


def record_changes(connection: Connection, keys: Iterable[Key]) -> list[int]:
    """Insert one pending row per key on the caller's connection (so in its transaction);
    returns the new row ids."""
    now = utcnow()
    rows = [{"item_type": t, "item_id": i, "state": PENDING, "attempts": 0,
             "next_attempt_at": now, "last_error": "", "created_at": now}
            for t, i in sorted(keys)]
    if not rows:
        return []
    return list(connection.scalars(insert(OutboxEntry).returning(OutboxEntry.id), rows))


def clear_entries(session: Session, ids: list[int]) -> None:
    """Delete the given rows, skipping any an indexer holds (it will apply them again)."""
    if not ids:
        return
    held = (select(OutboxEntry.id).where(OutboxEntry.id.in_(ids))
            .with_for_update(skip_locked=True))
    session.execute(delete(OutboxEntry).where(OutboxEntry.id.in_(held)))
