"""Lost races on a write become a 409 Conflict instead of a 500: a unique constraint that a
concurrent transaction satisfied first, or on SQLite a read snapshot that another writer
has since changed (SQLITE_BUSY_SNAPSHOT, reported as "database is locked")."""

from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from matchhub.core.errors import Conflict


def sqlite_busy(exc: OperationalError, session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite" and "database is locked" in str(exc)


def flush_or_conflict(session: Session, message: str,
                      fields: dict[str, list[str]] | None = None) -> None:
    """Flush; a stale SQLite snapshot rolls the transaction back and raises Conflict."""
    try:
        session.flush()
    except OperationalError as exc:
        if not sqlite_busy(exc, session):
            raise
        session.rollback()
        raise Conflict(message, fields) from exc


def insert_once(session: Session, row: Any, message: str,
                fields: dict[str, list[str]] | None = None) -> None:
    """Insert ``row`` whose unique key the caller has checked is free; when a concurrent
    transaction took it in between, only the savepoint is undone and Conflict raised."""
    try:
        with session.begin_nested():
            session.add(row)
            flush_or_conflict(session, message, fields)
    except IntegrityError as exc:
        raise Conflict(message, fields) from exc
