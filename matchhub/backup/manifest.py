"""The manifest of a backup: what it holds, with counts and checksums to check it by."""

import datetime as dt
import hashlib
import json
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1 << 20


class BackupInvalid(RuntimeError):
    """The backup is incomplete, altered or of an unknown format."""


@dataclass
class Manifest:
    app_version: str
    created_at: str
    database: str  # the SQLite file's name in the backup
    alembic_revision: str | None
    tables: dict[str, int]  # rows per table
    index_version: str | None  # the search index version directory, if any
    index_documents: int | None
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # path: sha256, bytes
    format: int = FORMAT

    def write(self, folder: Path) -> None:
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)
        (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BackupInvalid(f"no readable {MANIFEST} in {folder}: {exc}") from exc
        if data.get("format") != FORMAT:
            raise BackupInvalid(f"unknown backup format {data.get('format')!r}")
        return cls(**data)


def app_version() -> str:
    try:
        return version("matchhub")
    except PackageNotFoundError:
        return "unknown"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_checksums(folder: Path) -> dict[str, dict[str, Any]]:
    """Every file under ``folder`` but the manifest, by relative path."""
    return {str(p.relative_to(folder)): {"sha256": sha256(p), "bytes": p.stat().st_size}
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


def check_files(folder: Path, manifest: Manifest) -> None:
    """Raise BackupInvalid unless ``folder`` holds exactly the files the manifest lists."""
    found = file_checksums(folder)
    missing = sorted(manifest.files.keys() - found.keys())
    extra = sorted(found.keys() - manifest.files.keys())
    changed = sorted(k for k in manifest.files.keys() & found.keys()
                     if manifest.files[k] != found[k])
    if missing or extra or changed:
        raise BackupInvalid(f"the backup does not match its manifest: missing {missing[:5]}, "
                            f"unexpected {extra[:5]}, altered {changed[:5]}")


def table_counts(database: Path) -> dict[str, int]:
    with closing(sqlite3.connect(database)) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def alembic_revision(database: Path) -> str | None:
    with closing(sqlite3.connect(database)) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
    return row[0] if row else None
