"""kill -9 the indexer mid-stream and mid-rebuild, restart it, and verify finds nothing.

The indexer runs as ``python -m indexer`` against its own SQLite file and data dir, and
pauses after each small batch (INDEXER_BATCH_PAUSE_MS) so the kill lands mid-way.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest
from flask_migrate import upgrade

from matchhub import create_app
from matchhub.core.extensions import db
from tests.factories import AchievementFactory, NeedFactory

# An indexer process is killed and restarted on the committed outbox.
pytestmark = pytest.mark.commits

ITEMS = 30  # achievements and needs, each with its own organisation
WAIT = 60.0


@pytest.fixture
def world(fast_dir):
    """A migrated database with items whose changes wait in the outbox, and the env that
    points ``python -m indexer`` at it."""
    data = fast_dir / f"crash-{uuid.uuid4().hex[:8]}"
    data.mkdir()
    config = {"DATABASE_URL": f"sqlite:///{data / 'crash.db'}", "DATA_DIR": str(data),
              "SECRET_KEY": "crash-test", "SEARCH_INDEX_ON_COMMIT": False}
    app = create_app(config)
    with app.app_context():
        upgrade()
        for n in range(ITEMS):
            (AchievementFactory if n % 2 else NeedFactory)()
        db.session.commit()
        db.session.remove()
    env = {**os.environ, **{f"MATCHHUB_{k}": str(v).lower() if isinstance(v, bool) else v
                            for k, v in config.items()},
           "MATCHHUB_INDEXER_BATCH_SIZE": "6", "MATCHHUB_INDEXER_REBUILD_BATCH": "6",
           "MATCHHUB_INDEXER_BATCH_PAUSE_MS": "150", "MATCHHUB_INDEXER_POLL_MS": "50",
           "MATCHHUB_INDEXER_REBUILD_WORKERS": "1"}
    return app, data, env


def indexer(env, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "indexer", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indexer", *args], env=env, timeout=WAIT,
                          capture_output=True, text=True)


def outbox_count(data) -> int:
    with sqlite3.connect(data / "crash.db") as conn:
        return conn.execute("SELECT count(*) FROM search_outbox").fetchone()[0]


def wait_until(condition, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert process.poll() is None, process.stdout.read()
        assert time.monotonic() < deadline, "the indexer made no progress"
        time.sleep(0.02)


def kill_9(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT)
    process.stdout.close()


def indexer_cli(app, *args):
    """``indexer ...`` in this process, on the crash test's database and index."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=["indexer", *args])


def assert_no_difference(app) -> None:
    result = indexer_cli(app, "verify")
    assert result.exit_code == 0, result.output
    assert "no difference" in result.output


def test_killed_mid_stream_then_restarted(world):
    app, data, env = world
    queued = outbox_count(data)
    process = indexer(env, "run")
    wait_until(lambda: outbox_count(data) < queued, process)  # a batch is done
    kill_9(process)
    assert outbox_count(data) > 0  # killed mid-way
    assert indexer_cli(app, "verify").exit_code == 1
    assert finish(env, "run", "--once").returncode == 0  # restarted
    assert outbox_count(data) == 0
    assert_no_difference(app)


def test_killed_mid_rebuild_then_restarted(world):
    app, data, env = world
    assert indexer_cli(app, "run", "--once").exit_code == 0
    root = data / "search"
    live = (root / "CURRENT").read_text()
    process = indexer(env, "rebuild", "--quiet")
    wait_until(lambda: len(list(root.glob("v-*"))) == 2, process)
    with app.app_context():  # a change while the rebuild runs
        NeedFactory(title="重建期间发布的需求")
        db.session.commit()
        db.session.remove()
    time.sleep(0.4)  # a few batches into the new version
    kill_9(process)
    assert (root / "CURRENT").read_text() == live  # the old index stayed live
    assert finish(env, "run", "--once").returncode == 0  # the change reaches it
    assert_no_difference(app)
    assert finish(env, "rebuild", "--quiet").returncode == 0  # restarted
    assert [p.name for p in root.glob("v-*")] == [(root / "CURRENT").read_text()]
    assert_no_difference(app)
