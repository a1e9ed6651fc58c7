import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.core.extensions import db
from matchhub.search import get_search_backend
from matchhub.search.indexing.locks import get_index_locks
from matchhub.search.indexing.models import OutboxEntry
from matchhub.search.indexing.settings import IndexerSettings


@pytest.fixture(autouse=True)
def outbox_only(app, monkeypatch):
    """Changes reach the index through the indexer alone, as with an external backend."""
    monkeypatch.setitem(app.config, "SEARCH_INDEX_ON_COMMIT", False)


@pytest.fixture
def settings():
    return IndexerSettings(batch_size=50, poll_seconds=0.01, retry_base_seconds=0,
                           max_attempts=3, rebuild_batch=2, rebuild_workers=1)


@pytest.fixture
def locks(app):
    return get_index_locks(db.engine, app.config["DATA_DIR"])


@pytest.fixture
def backend():
    return get_search_backend()


def new_session() -> Session:
    return Session(db.engine)


def outbox_rows() -> list[OutboxEntry]:
    with new_session() as session:
        return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))
