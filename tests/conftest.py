"""Fixtures: one migrated database per test session (SQLite, or PostgreSQL when
MATCHHUB_TEST_PG_URL names a server), emptied after every test."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from matchhub import create_app
from matchhub.core.extensions import db
from matchhub.search import get_search_backend
from tests.pg_database import throwaway_database

PG_ENV = "MATCHHUB_TEST_PG_URL"


@pytest.fixture(scope="session")
def fast_dir():
    """A scratch directory on tmpfs where there is one: the search index fsyncs on every
    commit, and fsync on a real disk would dominate the suite's run time."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    path = Path(tempfile.mkdtemp(prefix="matchhub-test-", dir=base))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def database_url(fast_dir):
    server = os.environ.get(PG_ENV)
    if not server:
        yield f"sqlite:///{fast_dir / 'test.db'}"
        return
    with throwaway_database(server, "matchhub_test") as url:
        yield url


@pytest.fixture(scope="session")
def app(database_url, fast_dir):
    from flask_migrate import upgrade

    app = create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "DATA_DIR": str(fast_dir / "data"),
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        # tests/test_rate_limits.py builds its own app with the limits on.
        "RATELIMIT_ENABLED": False,
        # MATCHHUB_ES_URL (set to run the Elasticsearch contract suite) must not move the
        # whole suite onto Elasticsearch.
        "ES_URL": "",
    })
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _app_context(app):
    with app.app_context():
        yield
        db.session.remove()
        _empty_tables()
        _empty_search_index()


def _empty_tables() -> None:
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


def _empty_search_index() -> None:
    backend = get_search_backend()
    if backend.count():
        backend.reset_indexes()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db_session():
    return db.session
