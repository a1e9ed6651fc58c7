"""kill -9 the gunicorn worker in the middle of a contract import: the database holds the
whole file or none of it; imported again without a kill, it holds the whole file.

gunicorn (one worker) serves the app on 127.0.0.1 over its own SQLite file; the upload
goes to POST /api/v1/contracts/import with a contracts:write token. The worker is killed
once the import has started writing (the SQLite WAL grows), before it answers.
"""

import csv
import http.client
import io
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from flask_migrate import upgrade

from matchhub import create_app
from matchhub.accounts.tokens import issue_token
from matchhub.core.config_files import config_dir
from matchhub.core.extensions import db
from tests.contracts.helpers import CSV_HEADERS, csv_row
from tests.factories import UserFactory

# A worker process is killed mid-import; the test reads what it committed.
pytestmark = pytest.mark.commits

ROWS = 20_000
WAIT = 180.0  # generous: a loaded 2-core machine imported 20,000 rows in over 60 s
SPILLED = 256 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def world(fast_dir):
    """A migrated SQLite file with a platform admin's token, and gunicorn serving it."""
    data = fast_dir / f"import-crash-{uuid.uuid4().hex[:8]}"
    data.mkdir()
    config = {"DATABASE_URL": f"sqlite:///{data / 'crash.db'}", "DATA_DIR": str(data),
              "SECRET_KEY": "import-crash", "ES_URL": ""}
    app = create_app(config)
    with app.app_context():
        upgrade()
        admin = UserFactory(role="platform_admin", organisation=None)
        _, token = issue_token(db.session, admin, "crash", ["contracts:write"])
        db.session.commit()
        db.session.remove()
    port = free_port()
    env = {**os.environ, **{f"MATCHHUB_{k}": v for k, v in config.items()},
           "MATCHHUB_BIND": f"127.0.0.1:{port}", "MATCHHUB_WORKERS": "1",
           "MATCHHUB_THREADS": "1", "MATCHHUB_MAX_CONTENT_LENGTH": str(64 << 20),
           "MATCHHUB_LOG_LEVEL": "warning", "MATCHHUB_SCHEDULER": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(config_dir() / "gunicorn.conf.py"),
         "matchhub.wsgi:app"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: health(port), server)
        yield data / "crash.db", port, token, server
    finally:
        server.terminate()
        server.wait(timeout=WAIT)
        server.stderr.close()


def wait_for(condition, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert server.poll() is None, server.stderr.read().decode()
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.02)


def health(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/health")
        return conn.getresponse().status == 200
    except OSError:
        return False


def contracts_csv(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    writer.writerows(csv_row(n) for n in range(1, rows + 1))
    return out.getvalue().encode("utf-8")


def upload(port: int, token: str, body: bytes, outcome: dict) -> None:
    """POST the file; ``outcome`` gets the status and body, or the connection error."""
    boundary = uuid.uuid4().hex
    payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
               f"filename=\"contracts.csv\"\r\nContent-Type: text/csv\r\n\r\n").encode() \
        + body + f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        conn.request("POST", "/api/v1/contracts/import", body=payload, headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = conn.getresponse()
        outcome.update(status=response.status, body=response.read())
    except (OSError, http.client.HTTPException) as exc:
        outcome["error"] = exc
    finally:
        conn.close()


def the_worker(server: subprocess.Popen) -> int:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def wal_bytes(database) -> int:
    try:
        return os.stat(f"{database}-wal").st_size
    except FileNotFoundError:
        return 0


def counts(database) -> tuple[int, int, str]:
    with sqlite3.connect(database) as conn:
        return (conn.execute("SELECT count(*) FROM contracts").fetchone()[0],
                conn.execute("SELECT count(*) FROM contract_changes").fetchone()[0],
                conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_a_worker_killed_mid_import_leaves_all_or_nothing(world):
    database, port, token, server = world
    body = contracts_csv(ROWS)
    worker, before = the_worker(server), wal_bytes(database)
    outcome: dict = {}
    request = threading.Thread(target=upload, args=(port, token, body, outcome))
    request.start()
    # Writing has begun: SQLite spills the import's pages into the WAL before it commits
    # (a page or two there are the token's last use).
    wait_for(lambda: wal_bytes(database) > before + SPILLED or outcome, server)
    os.kill(worker, signal.SIGKILL)
    request.join(WAIT)
    assert "error" in outcome, outcome.get("status")  # killed before it answered
    contracts, changes, integrity = counts(database)
    assert integrity == "ok"
    assert (contracts, changes) in {(0, 0), (ROWS, ROWS)}

    wait_for(lambda: health(port), server)  # the master forked a new worker
    outcome = {}
    upload(port, token, body, outcome)
    assert outcome.get("status") == 201, outcome
    assert counts(database) == (ROWS, ROWS, "ok")
