"""Taking a consistent snapshot of a data dir, and putting one back into an empty one.

Consistency: the search index's write lock is held for the whole snapshot, so no process
writes the index or swaps its version meanwhile, and the database is copied (SQLite's
online backup API, one read transaction) inside that window. Every change is committed
to the database, with its outbox row, before it is written to the index; so whatever the
copied index lacks is either in the copied database's outbox or not in it at all, and
``matchhub indexer run --once`` after a restore brings the two level.
"""

import os
import shutil
import sqlite3
import tarfile
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from matchhub.backup.manifest import (
    BackupInvalid,
    Manifest,
    alembic_revision,
    app_version,
    check_files,
    file_checksums,
    now_iso,
    table_counts,
)
from matchhub.search.backends.embedded.store import (
    LexicalStore,
    locked_live_version,
    write_pointer,
)

DATABASE = "matchhub.db"
INDEX = "search"
FILES = "files"
# Data-dir content besides the database and the index: uploads and the dev secret key.
DATA_FILES = ("zone_documents", "evidence", "secret_key")
# Lock files are not data: a restored index starts unlocked.
SKIP = shutil.ignore_patterns("*.lock", ".tantivy-*.lock")
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class TargetNotEmpty(RuntimeError):
    """The data dir to restore into already holds data."""


@dataclass(frozen=True)
class DataPaths:
    data_dir: Path
    database: Path  # the SQLite file
    index_root: Path | None  # the embedded index root; None with another backend


def create_backup(paths: DataPaths, dest: Path, archive: bool = False) -> Path:
    """Write a timestamped backup folder (or ``.tar.gz``) under ``dest``; its path."""
    dest.mkdir(parents=True, exist_ok=True)
    name = f"matchhub-backup-{time.strftime('%Y%m%dT%H%M%S')}"
    work = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=dest))
    try:
        manifest = _snapshot(paths, work)
        manifest.files = file_checksums(work)
        manifest.write(work)
        return _publish(work, dest / name, archive)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _snapshot(paths: DataPaths, work: Path) -> Manifest:
    if paths.index_root is None:
        version, documents = None, None
        _copy_database(paths.database, work / DATABASE)
    else:
        with locked_live_version(paths.index_root) as version_dir:
            _copy_database(paths.database, work / DATABASE)
            version = version_dir.name
            documents = LexicalStore(version_dir).searcher().num_docs
            shutil.copytree(version_dir, work / INDEX / version, ignore=SKIP)
    _copy_data_files(paths.data_dir, work / FILES)
    return Manifest(app_version=app_version(), created_at=now_iso(), database=DATABASE,
                    alembic_revision=alembic_revision(work / DATABASE),
                    tables=table_counts(work / DATABASE), index_version=version,
                    index_documents=documents)


def _copy_database(source: Path, target: Path) -> None:
    if not source.is_file():
        raise FileNotFoundError(f"no SQLite database at {source}")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _copy_data_files(data_dir: Path, target: Path) -> None:
    for name in DATA_FILES:
        source = data_dir / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _publish(work: Path, final: Path, archive: bool) -> Path:
    if not archive:
        os.replace(work, final)
        return final
    tmp = final.with_name(f".{final.name}.tar.gz")
    with tarfile.open(tmp, "w:gz") as tar:
        tar.add(work, arcname=final.name)
    target = final.with_name(f"{final.name}.tar.gz")
    os.replace(tmp, target)
    return target


def restore_backup(source: Path, paths: DataPaths, force: bool = False) -> Manifest:
    """Check ``source`` against its manifest and put it into ``paths``; the manifest."""
    _check_target(paths, force)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=_scratch(paths)) as scratch:
        folder = _unpack(source, Path(scratch)) if source.is_file() else source
        manifest = Manifest.read(folder)
        check_files(folder, manifest)
        if force:
            _clear(paths)
        _restore_database(folder / manifest.database, paths.database)
        _restore_index(folder, manifest, paths.index_root)
        if (folder / FILES).is_dir():
            shutil.copytree(folder / FILES, paths.data_dir, dirs_exist_ok=True)
    return manifest


def _scratch(paths: DataPaths) -> Path:
    parent = paths.data_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def _unpack(archive: Path, into: Path) -> Path:
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(into, filter="data")
    folders = [p for p in into.iterdir() if p.is_dir()]
    if len(folders) != 1:
        raise BackupInvalid(f"{archive} should hold one backup folder")
    return folders[0]


def holds_data(paths: DataPaths) -> list[Path]:
    """What restoring would overwrite (a freshly generated secret key does not count)."""
    found = [p for p in paths.data_dir.iterdir() if p.name != "secret_key"] \
        if paths.data_dir.is_dir() else []
    if paths.database.exists() and paths.database.stat().st_size:
        found.append(paths.database)
    if paths.index_root is not None and paths.index_root.is_dir() \
            and any(paths.index_root.iterdir()):
        found.append(paths.index_root)
    return sorted(set(found))


def _check_target(paths: DataPaths, force: bool) -> None:
    found = holds_data(paths)
    if found and not force:
        shown = ", ".join(str(p) for p in found[:5])
        raise TargetNotEmpty(f"the data dir already holds data ({shown}); "
                             "restore into an empty one, or pass --force to replace it")


def _clear(paths: DataPaths) -> None:
    for suffix in ("", *SQLITE_SIDE_FILES):
        Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
    if paths.index_root is not None:
        shutil.rmtree(paths.index_root, ignore_errors=True)
    for name in DATA_FILES:
        path = paths.data_dir / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def _restore_database(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.restoring")
    shutil.copy2(source, tmp)
    os.replace(tmp, target)


def _restore_index(folder: Path, manifest: Manifest, root: Path | None) -> None:
    if manifest.index_version is None or root is None:
        return
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(folder / INDEX / manifest.index_version, root / manifest.index_version)
    write_pointer(root, manifest.index_version)
