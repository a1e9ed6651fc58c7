"""Fixtures: one migrated database per test session (SQLite, or PostgreSQL when
MATCHHUB_TEST_PG_URL names a server).

Each test runs inside a transaction on one connection that is rolled back afterwards; the
app's session joins it through a savepoint, so code under test that commits only releases
that savepoint. Tests that need real commits (a second session, thread or process reads
what they wrote; the search index is fed after commit) are marked ``commits`` (or
``indexed``): they commit for real and every table is emptied after them.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import current_app
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import literal, select, union_all

from matchhub import create_app
from matchhub.core.extensions import db
from matchhub.core.response_cache import clear_caches
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
        # Import jobs run in the request, inside the test's transaction; tests of the
        # thread runner switch it on and commit for real.
        "IMPORT_JOB_RUNNER": "inline",
    })
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _app_context(app, request, monkeypatch):
    with app.app_context():
        if _needs_commits(request.node):
            yield
            db.session.remove()
            _empty_tables()
        else:
            with _rolled_back(app, monkeypatch):
                yield
        _empty_search_index()


def _needs_commits(node) -> bool:
    return any(node.get_closest_marker(name) for name in ("commits", "indexed"))


class _JoinedSession(FlaskSession):
    """Flask-SQLAlchemy's session picks the engine itself; this one uses the connection
    it was given, whose transaction the test rolls back. An app a test builds for itself
    (its own database) keeps its own engine."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if bind is None and current_app._get_current_object() is self.info["app"]:
            return self.bind
        return super().get_bind(mapper, clause, bind, **kwargs)


@contextmanager
def _rolled_back(app, monkeypatch) -> Iterator[None]:
    """``db.session`` joins an outer transaction through a savepoint (its commits release
    the savepoint); the outer transaction is rolled back at the end. Indexing after commit
    reads the rows in a fresh session, which cannot see them: it is off here."""
    monkeypatch.setitem(app.config, "SEARCH_INDEX_ON_COMMIT", False)
    with db.engine.connect() as connection:
        outer = connection.begin()
        session = db._make_scoped_session({
            "class_": _JoinedSession, "bind": connection, "info": {"app": app},
            "join_transaction_mode": "create_savepoint"})
        monkeypatch.setattr(db, "session", session)
        try:
            yield
        finally:
            session.remove()
            outer.rollback()
            # Rolled back, the list versions are handed out again with other contents;
            # a server never sees that (it reads committed versions only).
            clear_caches(app, "matchhub.list_cache", "matchhub.search_cache")
    _fail_on_committed_rows()


# Rows the migrations write and database triggers keep in step with the other tables:
# never empty, so they are neither probed nor deleted.
SEEDED_TABLES = frozenset({"listing_counters"})


def _test_tables() -> list:
    return [table for table in db.metadata.sorted_tables if table.name not in SEEDED_TABLES]


def _fail_on_committed_rows() -> None:
    """A test without the marker that committed through another connection would leave
    its rows to the tests after it: empty the tables and fail it."""
    probes = [select(literal(table.name)).where(select(literal(1)).select_from(table).exists())
              for table in _test_tables()]
    with db.engine.connect() as connection:
        tables = list(connection.scalars(union_all(*probes)))
    if tables:
        _empty_tables()
        pytest.fail(f"rows committed outside the test's transaction in {', '.join(tables)}: "
                    "mark the test @pytest.mark.commits", pytrace=False)


def _empty_tables() -> None:
    with db.engine.begin() as conn:
        for table in reversed(_test_tables()):
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
