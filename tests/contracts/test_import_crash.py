"""kill -9 the gunicorn worker in the middle of a contract import job: the job is failed
by the next poll once its heartbeat is stale, its staged rows are gone and no contract was
written; imported again without a kill, the database holds the whole file.

gunicorn (one worker) serves the app on 127.0.0.1 over its own SQLite file; the upload
goes to POST /api/v1/contracts/import with a contracts:write token (202: the job runs in a
thread of the worker). The worker is killed once the job has staged its first chunk.
"""

import csv
import http.client
import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
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

ROWS = 3_000
WAIT = 180.0  # generous: a loaded 2-core machine checks about 1,000 rows in 2-5 s
STALE = 20  # IMPORT_JOB_STALE_SECONDS here: above the time between two heartbeats


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
           "MATCHHUB_THREADS": "1", "MATCHHUB_IMPORT_JOB_STALE_SECONDS": str(STALE),
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


def upload(port: int, token: str, body: bytes) -> dict:
    """POST the file: the job (202)."""
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
        assert response.status == 202, response.read()
        return json.loads(response.read())
    finally:
        conn.close()


def poll(port: int, token: str, url: str) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        conn.request("GET", url, headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        assert response.status == 200, response.read()
        return json.loads(response.read())
    finally:
        conn.close()


def job_row(database) -> tuple[str, int, int]:
    """The job's status, rows checked and rows staged, as the database holds them."""
    with sqlite3.connect(database) as conn:
        found = conn.execute("SELECT status, rows_done FROM import_jobs").fetchone()
        staged = conn.execute("SELECT count(*) FROM import_staged_rows").fetchone()[0]
    return (*(found or ("", 0)), staged)


def the_worker(server: subprocess.Popen) -> int:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def counts(database) -> tuple[int, int, str]:
    with sqlite3.connect(database) as conn:
        return (conn.execute("SELECT count(*) FROM contracts").fetchone()[0],
                conn.execute("SELECT count(*) FROM contract_changes").fetchone()[0],
                conn.execute("PRAGMA integrity_check").fetchone()[0])


def finished(port: int, token: str, url: str, server) -> dict:
    """Poll the job twice a second until it has finished."""
    deadline = time.monotonic() + WAIT
    while (job := poll(port, token, url))["status"] not in ("succeeded", "failed"):
        assert server.poll() is None, server.stderr.read().decode()
        assert time.monotonic() < deadline, job
        time.sleep(0.5)
    return job


def test_a_worker_killed_mid_import_fails_its_job_and_leaves_nothing(world):
    database, port, token, server = world
    body = contracts_csv(ROWS)
    worker = the_worker(server)
    job = upload(port, token, body)
    # the first chunk is staged (committed with the heartbeat), the rest not yet written
    wait_for(lambda: job_row(database)[2] > 0, server)
    os.kill(worker, signal.SIGKILL)
    status, done, staged = job_row(database)
    assert status == "running" and 0 < done < ROWS and staged > 0
    assert counts(database) == (0, 0, "ok")

    wait_for(lambda: health(port), server)  # the master forked a new worker
    failed = finished(port, token, job["url"], server)  # polled until the heartbeat is stale
    assert failed["status"] == "failed" and "中断" in failed["error"]
    assert job_row(database)[2] == 0 and counts(database) == (0, 0, "ok")

    again = finished(port, token, upload(port, token, body)["url"], server)
    assert again["status"] == "succeeded" and again["report"]["created"] == ROWS
    assert counts(database) == (ROWS, ROWS, "ok")
