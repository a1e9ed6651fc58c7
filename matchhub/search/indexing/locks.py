"""Who may change the search index when: per-item locks and the rebuild gate.

Applying a change means reading the row and writing its document. Two processes doing
that for the same item could write an older read last, so each takes the item's lock
first. A rebuild closes the gate: while it is closed the indexer applies nothing and
outbox rows stay pending, so every change made during the rebuild reaches the new
index after the swap.

PostgreSQL: advisory locks (transaction-scoped for items and the gate's shared side,
session-scoped on a dedicated connection for a rebuild), so indexers on several hosts
coordinate. Elsewhere (SQLite, one host): flock on files in the data dir, where one
lock stands for every item. Both kinds vanish with a killed process.

Why fcntl rather than filelock: its ReadWriteLock does give cross-process shared and
exclusive holds with non-blocking tries, but it keeps each lock as a SQLite database,
opens a connection and a transaction per hold (here, per commit that changes searchable
rows) and ties holds to threads (a thread cannot change mode; waiting on another hold in
the same process needs separate non-singleton instances). flock on a plain file is the
same semantics in one system call per hold.
"""

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from matchhub.search.core.documents import int_key

Key = tuple[str, int]
# Advisory lock ids outside the range of int_key() (type code < 8, shifted by 40 bits).
GATE_LOCK = 0x4D48_0001_0000_0000
REBUILD_LOCK = 0x4D48_0002_0000_0000
# Above this many items one transaction locks all of them at once: PostgreSQL's lock table
# is sized for about max_locks_per_transaction (64) x max_connections entries in all.
ALL_ITEMS_LOCK = 0x4D48_0003_0000_0000
MAX_ITEM_LOCKS = 1000
GATE_WAIT_SECONDS = 300.0


class RebuildRunning(RuntimeError):
    """Another process is rebuilding the index."""


@dataclass(frozen=True)
class Grant:
    gate_open: bool  # False while a rebuild runs
    keys: frozenset[Key]  # the items this transaction may apply


class BaseIndexLocks:
    @contextmanager
    def changes(self, session: Session, keys: set[Key], *, wait: bool) -> Iterator[Grant]:
        """Which of ``keys`` this transaction may apply (all of them when ``wait``), and
        whether the gate is open; held until the ``with`` block ends."""
        raise NotImplementedError
        yield

    @contextmanager
    def rebuild(self) -> Iterator[None]:
        """Close the gate for a rebuild; RebuildRunning if another one holds it."""
        raise NotImplementedError
        yield


class PostgresIndexLocks(BaseIndexLocks):
    def __init__(self, engine: Engine):
        self.engine = engine

    @contextmanager
    def changes(self, session: Session, keys: set[Key], *, wait: bool) -> Iterator[Grant]:
        """Locks held until ``session`` commits or rolls back (in the ``with`` block):
        every item's own lock, taken in order, under the shared side of the all-items
        lock; or, for many items, the all-items lock alone."""
        gate = _xact_lock(session, GATE_LOCK, wait=False, shared=True)
        many = len(keys) > MAX_ITEM_LOCKS
        if not _xact_lock(session, ALL_ITEMS_LOCK, wait, shared=not many):
            granted = set()
        elif many:
            granted = set(keys)
        else:
            granted = {key for key in sorted(keys) if _xact_lock(session, int_key(*key), wait)}
        yield Grant(gate, frozenset(granted))

    @contextmanager
    def rebuild(self) -> Iterator[None]:
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if not conn.scalar(select(func.pg_try_advisory_lock(REBUILD_LOCK))):
                raise RebuildRunning("另一个索引重建正在进行")
            try:
                _wait_for(lambda: conn.scalar(select(func.pg_try_advisory_lock(GATE_LOCK))))
                try:
                    yield
                finally:
                    conn.scalar(select(func.pg_advisory_unlock(GATE_LOCK)))
            finally:
                conn.scalar(select(func.pg_advisory_unlock(REBUILD_LOCK)))


def _xact_lock(session: Session, lock_id: int, wait: bool, shared: bool = False) -> bool:
    name = ("pg_" + ("" if wait else "try_") + "advisory_xact_lock"
            + ("_shared" if shared else ""))
    return session.scalar(select(getattr(func, name)(lock_id))) is not False


class FileIndexLocks(BaseIndexLocks):
    def __init__(self, directory: Path):
        self.directory = directory

    def _open(self, name: str):
        self.directory.mkdir(parents=True, exist_ok=True)
        return open(self.directory / name, "a+")

    @contextmanager
    def changes(self, session: Session, keys: set[Key], *, wait: bool) -> Iterator[Grant]:
        with self._open("gate.lock") as gate, self._open("changes.lock") as items:
            gate_open = _flock(gate, fcntl.LOCK_SH | fcntl.LOCK_NB)
            mine = _flock(items, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            yield Grant(gate_open, frozenset(keys) if mine else frozenset())

    @contextmanager
    def rebuild(self) -> Iterator[None]:
        with self._open("rebuild.lock") as rebuild, self._open("gate.lock") as gate:
            if not _flock(rebuild, fcntl.LOCK_EX | fcntl.LOCK_NB):
                raise RebuildRunning("另一个索引重建正在进行")
            _wait_for(lambda: _flock(gate, fcntl.LOCK_EX | fcntl.LOCK_NB))
            yield


def get_index_locks(engine: Engine, data_dir: str | Path) -> BaseIndexLocks:
    if engine.dialect.name == "postgresql":
        return PostgresIndexLocks(engine)
    return FileIndexLocks(Path(data_dir) / "indexer")


def _flock(handle, flags: int) -> bool:
    """Closing the handle releases the lock."""
    try:
        fcntl.flock(handle, flags)
    except BlockingIOError:
        return False
    return True


def _wait_for(acquire, timeout: float = GATE_WAIT_SECONDS) -> None:
    """Poll ``acquire`` until it succeeds: batches in flight finish within seconds."""
    deadline = time.monotonic() + timeout
    while not acquire():
        if time.monotonic() > deadline:
            raise RebuildRunning(f"changes still being applied after {timeout:.0f}s")
        time.sleep(0.05)
