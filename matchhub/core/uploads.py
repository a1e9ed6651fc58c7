"""Uploaded files that belong to a database row, all or nothing. The row is flushed first
with the file's planned name; only then is the file written, and it is removed again when
the transaction ends without a commit (a failed flush or commit, a rollback, a request
that dies). So neither a row without its file nor a file without its row is left behind."""

import uuid
from pathlib import Path, PurePath

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

PENDING = "matchhub_uploads_pending"


def planned_name(filename: str) -> str:
    """A random stored name keeping the upload's (lower-case) extension."""
    return f"{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def write_after_flush(session: Session, path: Path, data: bytes) -> None:
    """Write ``data`` once the row naming ``path`` has been flushed in ``session``."""
    session.info.setdefault(PENDING, []).append(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _committed(session: Session) -> None:
    session.info.pop(PENDING, None)


def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction, not a savepoint
        for path in session.info.pop(PENDING, []):
            path.unlink(missing_ok=True)


def init_app(app: Flask) -> None:
    if not event.contains(Session, "after_commit", _committed):
        event.listen(Session, "after_commit", _committed)
        event.listen(Session, "after_transaction_end", _ended)
