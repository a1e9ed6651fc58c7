"""Uploaded files that belong to a database row, all or nothing. The row is flushed first
with the file's planned name; only then is the file written, and it is removed again when
the transaction ends without a commit (a failed flush or commit, a rollback, a request
that dies). So neither a row without its file nor a file without its row is left behind.
A file the row no longer names (a replaced document) is removed once the commit that
replaced it has happened, and kept if that transaction is rolled back.

Uploads are checked by content as well as by name (puremagic, pure Python): an HTML page
saved as ``x.png`` is refused, so nothing served later is other than its name says."""

import uuid
from pathlib import Path, PurePath

import puremagic
from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from matchhub.core.errors import ValidationFailed

PENDING = "matchhub_uploads_pending"
OBSOLETE = "matchhub_uploads_obsolete"
# Extensions whose content puremagic names by another extension of the same kind.
SAME_KIND = {".jpg": {".jpeg", ".jpe", ".jfif"}, ".jpeg": {".jpg", ".jpe", ".jfif"}}


def content_matches(filename: str, data: bytes) -> bool:
    """Whether the bytes are of the kind the file's extension names."""
    suffix = PurePath(filename).suffix.lower()
    try:
        found = {match.extension.lower() for match in puremagic.magic_string(data)}
    except (puremagic.PureError, ValueError):
        return False
    return bool(({suffix} | SAME_KIND.get(suffix, set())) & found)


def check_content(filename: str, data: bytes, field: str) -> None:
    """ValidationFailed under ``field`` when the content is not what the extension says."""
    if not content_matches(filename, data):
        kind = PurePath(filename).suffix.lstrip(".").upper() or "无扩展名"
        message = f"文件内容与扩展名不符（不是 {kind} 文件），请上传原始文件"
        raise ValidationFailed({field: [message]})


def planned_name(filename: str) -> str:
    """A random stored name keeping the upload's (lower-case) extension."""
    return f"{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def write_after_flush(session: Session, path: Path, data: bytes) -> None:
    """Write ``data`` once the row naming ``path`` has been flushed in ``session``."""
    session.info.setdefault(PENDING, []).append(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def remove_after_commit(session: Session, path: Path) -> None:
    """Remove ``path`` (a file a row no longer names) once ``session`` commits."""
    session.info.setdefault(OBSOLETE, []).append(path)


def _committed(session: Session) -> None:
    session.info.pop(PENDING, None)
    for path in session.info.pop(OBSOLETE, []):
        path.unlink(missing_ok=True)


def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction, not a savepoint
        session.info.pop(OBSOLETE, None)  # rolled back: the row still names the old file
        for path in session.info.pop(PENDING, []):
            path.unlink(missing_ok=True)


def init_app(app: Flask) -> None:
    if not event.contains(Session, "after_commit", _committed):
        event.listen(Session, "after_commit", _committed)
        event.listen(Session, "after_transaction_end", _ended)
