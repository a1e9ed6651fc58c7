"""Database engine settings for SQLite (pragmas, BEGIN issued by SQLAlchemy, periodic
PRAGMA optimize on pooled connections, statistics after bulk writes) and the checks the
health page runs."""

import contextlib
import sqlite3
import time

from sqlalchemy import Engine, Pool, event, inspect, text

from matchhub.core.extensions import db


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
        # pysqlite begins transactions lazily, before the first write only: a SAVEPOINT
        # issued before any write then starts a transaction of its own, and RELEASE
        # commits it (so an import's savepoint would commit before the caller decides).
        # Let SQLAlchemy issue BEGIN itself instead (SQLAlchemy's documented recipe).
        dbapi_connection.isolation_level = None


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")


def refresh_statistics(session) -> None:
    """After a bulk write (an import job): the planner's statistics, sampled
    (analysis_limit: milliseconds at 100,000 rows), so that the next list page is read in
    index order at once instead of after the next periodic PRAGMA optimize below (until
    then a freshly filled table sorts every published row for each page). SQLite only:
    PostgreSQL's autovacuum analyses changed tables itself."""
    if session.get_bind().dialect.name != "sqlite":
        return
    session.execute(text("PRAGMA analysis_limit=400"))
    session.execute(text("ANALYZE"))


# Seconds from a pooled SQLite connection's first return to the pool to its first
# PRAGMA optimize, and between later ones.
OPTIMIZE_AFTER, OPTIMIZE_EVERY = 60.0, 600.0


@event.listens_for(Pool, "checkin")
def _sqlite_optimize(dbapi_connection, record) -> None:
    """Keep SQLite's planner statistics current, as SQLite advises for long-lived
    connections: without them it counts a list's total by reading every published row
    instead of answering from one index."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    now = time.monotonic()
    if now < record.info.setdefault("optimize_due", now + OPTIMIZE_AFTER):
        return
    record.info["optimize_due"] = now + OPTIMIZE_EVERY
    with contextlib.suppress(sqlite3.Error):  # busy with a writer: the next turn will do
        dbapi_connection.execute("PRAGMA optimize")


def schema_ready() -> bool:
    """True once migrations have created the tables."""
    return inspect(db.engine).has_table("alembic_version")


def ping() -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
