"""Indexing runs in the running app: its indexer settings, its locks, the one rebuild."""

from dataclasses import replace

from flask import current_app
from sqlalchemy.orm import Session

from matchhub.core.extensions import db
from matchhub.search.backends import get_search_backend
from matchhub.search.indexing.locks import BaseIndexLocks, get_index_locks
from matchhub.search.indexing.progress import NoProgress, Progress
from matchhub.search.indexing.rebuild import count_rows, rebuild_index
from matchhub.search.indexing.settings import IndexerSettings


def app_settings() -> IndexerSettings:
    return IndexerSettings.from_config(current_app.config)


def app_locks() -> BaseIndexLocks:
    return get_index_locks(db.engine, current_app.config["DATA_DIR"])


def rebuild_now(workers: int | None = None, show_progress: bool = False) -> int:
    """The one rebuild entry point (``indexer rebuild``, ``search reindex``, demo)."""
    settings = app_settings()
    if workers:
        settings = replace(settings, rebuild_workers=workers)
    with Session(db.engine) as session:
        total = count_rows(session)
        progress = (Progress(total, "rebuild") if show_progress
                    else NoProgress(total, "rebuild"))
        return rebuild_index(session, get_search_backend(), app_locks(), settings, progress)
