import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from matchhub.core.extensions import db
from tests.factories import UserFactory
from tests.web.helpers import login


def test_health_reports_database_and_search_to_platform_admins(client):
    login(client, UserFactory(role="platform_admin", organisation=None))
    body = client.get("/health").get_json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["search"]["backend"] == "embedded"
    assert body["search"]["ok"] is True
    # No model is configured in tests: health says semantic search is off, and why.
    assert body["search"]["semantic"]["state"] == "disabled"
    assert "MATCHHUB_EMBEDDING_MODEL" in body["search"]["semantic"]["reason"]


def test_migrations_match_the_models():
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_with_foreign_keys():
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only apply to the embedded database")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
