"""Rate-limit counters in a SQLite file, for ``limits`` (Flask-Limiter's storage layer).

Without Redis, every worker of one server must count against one budget, or N workers
let N times the limit through. ``limits`` offers no SQL or file storage, so this is its
Storage interface (what the fixed-window strategy uses: incr, get, get_expiry, clear) on
a small table in the data dir, which all workers of one server share. Several servers
share nothing here: they need Redis (README, Configuration).

URI: ``matchhub-sqlite:///absolute/path/ratelimits.sqlite3``.
"""

import os
import sqlite3
import threading
import time

from limits.storage import Storage

SCHEME = "matchhub-sqlite"
SCHEMA = ("CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, "
          "count INTEGER NOT NULL, expires_at REAL NOT NULL)")
# One increment in this many also deletes expired counters.
PURGE_EVERY = 500
# Atomic: a counter whose window has ended starts again at the amount.
INCR = """INSERT INTO counters (key, count, expires_at) VALUES (:key, :amount, :expires)
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN expires_at <= :now THEN :amount ELSE count + :amount END,
  expires_at = CASE WHEN expires_at <= :now THEN :expires ELSE expires_at END
RETURNING count"""


class SQLiteStorage(Storage):
    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = uri.removeprefix(f"{SCHEME}://")
        self._local = threading.local()
        self._increments = 0

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _db(self) -> sqlite3.Connection:
        """One connection per thread and process (gunicorn forks after loading the app)."""
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(SCHEMA)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        db = self._db()
        count = db.execute(INCR, {"key": key, "amount": amount, "now": now,
                                  "expires": now + expiry}).fetchone()[0]
        self._increments += 1
        if self._increments % PURGE_EVERY == 0:
            db.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
        return count

    def get(self, key: str) -> int:
        row = self._db().execute("SELECT count FROM counters WHERE key = ? AND expires_at > ?",
                                 (key, time.time())).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._db().execute("SELECT expires_at FROM counters WHERE key = ?",
                                 (key,)).fetchone()
        return max(row[0], time.time()) if row else time.time()

    def check(self) -> bool:
        return self._db().execute("SELECT 1").fetchone() is not None

    def reset(self) -> int | None:
        return self._db().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._db().execute("DELETE FROM counters WHERE key = ?", (key,))
