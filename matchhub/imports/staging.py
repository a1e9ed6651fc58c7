"""Uploaded files kept between the steps of a column-mapping import, so that nobody
uploads twice.

A staged file lives in ``<data dir>/import-staging/`` under a random token, beside a small
JSON note of its owner, kind and name. Only its owner gets it back, only for the same kind
of import and only until it expires; it is removed once imported, and every new staging
removes the expired ones. Tokens are checked against their alphabet before any path is
built from them.
"""

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from matchhub.core.errors import NotFound

STAGING_DIR = "import-staging"
TTL_SECONDS = 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


@dataclass(frozen=True)
class StagedFile:
    token: str
    filename: str
    data: bytes


def _directory(data_dir: str | Path) -> Path:
    path = Path(data_dir) / STAGING_DIR
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def stage(data_dir: str | Path, user_id: int, kind: str, filename: str, data: bytes) -> str:
    """Keep an upload for ``user_id``'s next step; returns its token."""
    directory = _directory(data_dir)
    purge_expired(directory)
    token = secrets.token_urlsafe(24)
    (directory / f"{token}.bin").write_bytes(data)
    note = {"user_id": user_id, "kind": kind, "filename": filename, "at": time.time()}
    (directory / f"{token}.json").write_text(json.dumps(note), encoding="utf-8")
    return token


def load(data_dir: str | Path, user_id: int, kind: str, token: str) -> StagedFile:
    """The staged file, if it is ``user_id``'s, of ``kind`` and not expired; NotFound
    otherwise (the same answer for a stranger's token as for none)."""
    gone = NotFound("上传的文件已过期或不存在，请重新上传")
    if not _TOKEN.match(token or ""):
        raise gone
    directory = _directory(data_dir)
    try:
        note = json.loads((directory / f"{token}.json").read_text(encoding="utf-8"))
        data = (directory / f"{token}.bin").read_bytes()
    except (OSError, ValueError):
        raise gone from None
    if (note.get("user_id"), note.get("kind")) != (user_id, kind) or _expired(note):
        raise gone
    return StagedFile(token, str(note.get("filename", "")), data)


def discard(data_dir: str | Path, token: str) -> None:
    if _TOKEN.match(token or ""):
        directory = _directory(data_dir)
        for suffix in (".bin", ".json"):
            (directory / f"{token}{suffix}").unlink(missing_ok=True)


def purge_expired(directory: Path) -> None:
    for note_path in directory.glob("*.json"):
        try:
            note = json.loads(note_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            note = {}
        if _expired(note):
            note_path.with_suffix(".bin").unlink(missing_ok=True)
            note_path.unlink(missing_ok=True)


def _expired(note: dict) -> bool:
    return time.time() - float(note.get("at", 0)) > TTL_SECONDS
