"""Stopping ``matchhub serve`` by its process id stops gunicorn too (a real process test)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

STARTUP_SECONDS = 90
STOP_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (read from /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_until_serving(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, "matchhub serve exited during startup"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # any answer (/health is 503 on an unmigrated database) will do
        except OSError:
            time.sleep(0.5)
    pytest.fail("matchhub serve did not answer in time")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_serve_by_its_pid_stops_gunicorn(tmp_path, stop):
    port = _free_port()
    env = dict(os.environ, MATCHHUB_DATA_DIR=str(tmp_path / "data"), MATCHHUB_ES_URL="",
               MATCHHUB_DATABASE_URL=f"sqlite:///{tmp_path / 'serve.db'}",
               MATCHHUB_SECRET_KEY="serve-signals")
    process = subprocess.Popen(
        [sys.executable, "-m", "matchhub.cli", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers: set[int] = set()
    try:
        _wait_until_serving(f"http://127.0.0.1:{port}/health", process)
        servers = _children(process.pid) | {process.pid}
        os.kill(process.pid, stop)
        process.wait(timeout=STOP_SECONDS)
        deadline = time.monotonic() + STOP_SECONDS
        while time.monotonic() < deadline and any(_alive(pid) for pid in servers):
            time.sleep(0.2)
        assert not [pid for pid in servers if _alive(pid)], "gunicorn outlived matchhub serve"
    finally:
        for pid in servers | _children(process.pid) | {process.pid}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
