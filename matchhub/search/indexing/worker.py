"""The ``indexer run`` loop: drain batches until stopped (or, with ``once``, until no
row is due), pausing when there is nothing to do or a rebuild runs."""

import logging
import threading
from collections.abc import Callable

from sqlalchemy.orm import Session

from matchhub.search.backends.base import BaseSearchBackend
from matchhub.search.indexing.drain import BatchResult, drain_batch
from matchhub.search.indexing.locks import BaseIndexLocks
from matchhub.search.indexing.settings import IndexerSettings

log = logging.getLogger(__name__)


def run_indexer(new_session: Callable[[], Session], backend: BaseSearchBackend,
                locks: BaseIndexLocks, settings: IndexerSettings, *, once: bool = False,
                stop: threading.Event | None = None) -> BatchResult:
    """Totals over every batch. Errors outside an item (the database is down) are logged
    and retried after a pause; with ``once`` they propagate."""
    stop = stop or threading.Event()
    totals = BatchResult()
    while not stop.is_set():
        try:
            with new_session() as session:
                result = drain_batch(session, backend, locks, settings)
        except Exception:
            if once:
                raise
            log.exception("indexer batch failed; retrying in %.1fs", settings.poll_seconds)
            stop.wait(settings.poll_seconds)
            continue
        totals.add(result)
        _report(result)
        if result.applied == 0 or result.paused:
            if once:
                break
            stop.wait(settings.poll_seconds)
    return totals


def _report(result: BatchResult) -> None:
    if result.paused:
        log.info("a rebuild is running: %d changes wait for it", result.claimed)
    elif result.claimed:
        log.info("applied %d changes (%d to retry, %d dead, %d held elsewhere)",
                 result.applied, result.retrying, result.dead, result.skipped)
