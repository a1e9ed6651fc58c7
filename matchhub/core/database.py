"""Database engine settings for SQLite (pragmas, BEGIN issued by SQLAlchemy, PRAGMA
optimize when a connection opens and periodically on pooled ones) and the checks the
health page runs."""

import contextlib
import sqlite3
import time

from sqlalchemy import Engine, Pool, event, inspect

from matchhub.core.extensions import db


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        _gather_missing_statistics(cursor)
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


# Indexes that have no planner statistics (sqlite_stat1) yet.
_UNANALYSED = ("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
               "AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)")


def _gather_missing_statistics(cursor) -> None:
    """ANALYZE, sampling (analysis_limit: milliseconds), when an index has no statistics:
    without them a freshly filled database sorts every published row for each list page
    until the first periodic PRAGMA optimize below. Never waits for a writer (the next
    connection will do it); an empty table gets no statistics, so it is looked at again."""
    with contextlib.suppress(sqlite3.Error):
        cursor.execute("PRAGMA analysis_limit=400")
        has_stats = cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
        if not has_stats or cursor.execute(_UNANALYSED).fetchone()[0]:
            cursor.execute("PRAGMA busy_timeout=0")
            cursor.execute("ANALYZE")


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
