"""``indexer rebuild`` (and ``matchhub search reindex``): a complete new index version
from the database, made live atomically.

Rows stream in primary-key order (``yield_per``) into ``backend.begin_rebuild()``; on
success the new version replaces the old one, on any failure it is dropped and the old
one stays live. The rebuild lock keeps a second rebuild out, and while it is held the
indexer applies nothing: changes made meanwhile stay in the outbox and reach the new
version once it is live.
"""

import datetime as dt
import time
from collections.abc import Iterator

from more_itertools import chunked
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from matchhub.core.clock import today
from matchhub.search.backends.base import BaseSearchBackend
from matchhub.search.core.documents import SearchDocument, document_or_none
from matchhub.search.core.registry import specs
from matchhub.search.indexing.locks import BaseIndexLocks
from matchhub.search.indexing.progress import NoProgress, Progress
from matchhub.search.indexing.settings import IndexerSettings

STREAM_CHUNK = 1000


def count_rows(session: Session) -> int:
    return sum(session.scalar(select(func.count()).select_from(spec.model))
               for spec in specs().values())


def stream_rows(session: Session) -> Iterator[tuple[str, object]]:
    """(item_type, row) for every searchable row, each kind in primary-key order, its
    relationships loaded per chunk rather than per row."""
    for spec in specs().values():
        stmt = (select(spec.model).order_by(spec.model.id).options(selectinload("*"))
                .execution_options(yield_per=STREAM_CHUNK))
        for row in session.scalars(stmt):
            yield spec.item_type, row


def stream_documents(session: Session, on_day: dt.date,
                     progress: Progress) -> Iterator[SearchDocument]:
    """Every public document; ``progress`` counts rows (drafts included)."""
    for _, row in stream_rows(session):
        progress.advance()
        document = document_or_none(row, on_day)
        if document is not None:
            yield document


def rebuild_index(session: Session, backend: BaseSearchBackend, locks: BaseIndexLocks,
                  settings: IndexerSettings, progress: Progress | None = None) -> int:
    """Build, swap, return the number of documents; raises RebuildRunning when another
    rebuild holds the lock."""
    with locks.rebuild():
        progress = progress or NoProgress(count_rows(session), "rebuild")
        rebuild = backend.begin_rebuild()
        rebuild.workers = settings.rebuild_workers
        try:
            total = 0
            for chunk in chunked(stream_documents(session, today(), progress),
                                settings.rebuild_batch):
                rebuild.add_bulk(chunk)
                total += len(chunk)
                if settings.batch_pause_seconds:
                    time.sleep(settings.batch_pause_seconds)
            rebuild.commit()
        except BaseException:
            rebuild.abort()
            raise
        progress.finish()
    return total
