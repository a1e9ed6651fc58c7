"""Database engine settings: SQLite pragmas for the embedded default, schema checks."""

import sqlite3

from flask import Flask
from sqlalchemy import Engine, event, inspect

from matchhub.extensions import db


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def init_app(app: Flask) -> None:
    # Import models so metadata is complete for migrations and create_all.
    from matchhub.accounts import models as _accounts  # noqa: F401
    from matchhub.catalog import models as _catalog  # noqa: F401
    from matchhub.search import models as _search  # noqa: F401


def schema_ready() -> bool:
    """True once migrations have created the tables."""
    return inspect(db.engine).has_table("alembic_version")


def ping() -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
