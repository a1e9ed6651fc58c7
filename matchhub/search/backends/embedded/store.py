"""The on-disk layout of the embedded index and safe access to it from many processes.

``<data_dir>/search/CURRENT`` names the live version directory; each version holds
``lexical/`` (tantivy) and ``vectors/``. A rebuild writes a new version and swaps the
pointer atomically (os.replace), then removes the old version; a writer that was waiting
for the old version's lock finds it retired and writes to the new one. Writers from any
process take ``write.lock`` (flock) before opening tantivy's single IndexWriter, so web
workers and the indexer queue up instead of failing; readers reload when tantivy's
meta.json changes.
"""

import fcntl
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy

from matchhub.search.backends.embedded.schema import build_schema

POINTER = "CURRENT"
WRITER_HEAP = 32_000_000
# Bulk loads: a small heap flushes many small segments that then cost more to merge
# than to write (figures: bench/search_settings.txt).
BULK_WRITER_HEAP = 256_000_000


class IndexLockTimeout(RuntimeError):
    """Another process kept the index writer longer than the configured wait."""


class VersionRetired(RuntimeError):
    """A rebuild replaced this version while a writer waited for it."""


class IndexSchemaOutdated(RuntimeError):
    """The live index was built with another schema (an older MatchHub)."""


def write_pointer(root: Path, version: str) -> None:
    tmp = root / f".{POINTER}.{uuid.uuid4().hex}"
    tmp.write_text(version)
    os.replace(tmp, root / POINTER)


def current_version(root: Path) -> str:
    """The live version, creating an empty first one when there is none."""
    root.mkdir(parents=True, exist_ok=True)
    pointer = root / POINTER
    if not pointer.exists():
        write_pointer(root, new_version_dir(root).name)
    return pointer.read_text().strip()


def pointer_mark(root: Path) -> tuple[int, int] | None:
    """What identifies the pointer as last written (it is always replaced whole, so each
    write is a new file), or None when there is none: a stat instead of a read."""
    try:
        stat = os.stat(root / POINTER)
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def remove_stale_versions(root: Path) -> list[str]:
    """Remove version directories that are not live (left by a rebuild that was killed).
    Only for a caller that holds the rebuild lock."""
    live = current_version(root)
    stale = [p for p in root.glob("v-*") if p.is_dir() and p.name != live]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return [p.name for p in stale]


def swap_version(root: Path, version: str) -> None:
    """Make ``version`` live, once writers of the old one are done, then drop the old one."""
    old = current_version(root)
    with LexicalStore(root / old)._locked():
        write_pointer(root, version)
    shutil.rmtree(root / old, ignore_errors=True)


@contextmanager
def locked_live_version(root: Path, lock_timeout: float = 300.0) -> Iterator[Path]:
    """The live version directory, held against writers and version swaps while the
    ``with`` block runs (backups copy it then)."""
    while True:
        store = LexicalStore(root / current_version(root), lock_timeout)
        with store._locked():
            if store._is_live():
                yield store.dir.parent
                return


def new_version_dir(root: Path) -> Path:
    path = root / f"v-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
    (path / "lexical").mkdir(parents=True)
    (path / "vectors").mkdir()
    return path


class LexicalStore:
    """One version's tantivy index, opened lazily and reloaded when another process commits."""

    def __init__(self, version_dir: Path, lock_timeout: float = 30.0):
        self.dir = version_dir / "lexical"
        self.lock_path = version_dir / "write.lock"
        self.lock_timeout = lock_timeout
        self.schema = build_schema()
        self._index: tantivy.Index | None = None
        self._seen_meta: float | None = None
        self._mutex = threading.Lock()

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            with self._mutex:
                if self._index is None:
                    self._index = self._open()
        return self._index

    def _open(self) -> tantivy.Index:
        try:
            return tantivy.Index(self.schema, path=str(self.dir), reuse=True)
        except ValueError as exc:
            if "schema does not match" not in str(exc):
                raise
            raise IndexSchemaOutdated(
                f"{self.dir} was built by an older version; run `matchhub indexer rebuild`"
            ) from exc

    def opstamp(self) -> int | None:
        """The operation stamp of the last commit from any process (tantivy's meta.json;
        it grows with every commit, where two commits may share a file time)."""
        try:
            return int(json.loads((self.dir / "meta.json").read_bytes())["opstamp"])
        except FileNotFoundError:
            return None

    def searcher(self) -> tantivy.Searcher:
        meta = self._meta_mtime()
        if meta != self._seen_meta:
            self.index.reload()
            self._seen_meta = meta
        return self.index.searcher()

    def _meta_mtime(self) -> float | None:
        try:
            return (self.dir / "meta.json").stat().st_mtime_ns
        except FileNotFoundError:
            return None

    @contextmanager
    def writer(self, threads: int = 1, heap: int = WRITER_HEAP,
               live_only: bool = True) -> Iterator[tantivy.IndexWriter]:
        """The single IndexWriter, under the cross-process lock; committed on success.
        ``live_only``: raise VersionRetired when this version stopped being live."""
        with self._locked():
            if live_only and not self._is_live():
                raise VersionRetired(self.dir.parent.name)
            writer = self.index.writer(heap_size=heap, num_threads=threads)
            try:
                yield writer
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
        self._seen_meta = None

    def _is_live(self) -> bool:
        version_dir = self.dir.parent
        pointer = version_dir.parent / POINTER
        return pointer.exists() and pointer.read_text().strip() == version_dir.name

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with open(self.lock_path, "a+") as handle:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        message = f"index writer busy for {self.lock_timeout}s"
                        raise IndexLockTimeout(message) from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
