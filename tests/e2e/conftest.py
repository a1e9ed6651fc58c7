"""The browser story's fixtures: the app served by gunicorn on a fresh SQLite data dir, and
Debian's Chromium driven by Playwright.

Without Chromium the tests skip, unless ``MATCHHUB_E2E_REQUIRED`` or ``CI`` is set (``.ci/run``
installs Chromium and sets it), in which case they fail.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artefacts" / "e2e"
CHROMIUM = Path(os.environ.get("MATCHHUB_E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
STARTUP_SECONDS = 90


def _required() -> bool:
    return bool(os.environ.get("MATCHHUB_E2E_REQUIRED") or os.environ.get("CI"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(data_dir: Path, bind: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHHUB_")}
    env.update(MATCHHUB_DATA_DIR=str(data_dir), MATCHHUB_BIND=bind, MATCHHUB_WORKERS="1",
               MATCHHUB_LOG_LEVEL="warning", MATCHHUB_SCHEDULER="0",
               # The story signs a dozen people in within minutes (tests/test_rate_limits.py
               # covers the limit itself).
               MATCHHUB_LOGIN_RATE_LIMIT="120 per minute;2000 per day")
    return env


def _wait_for_health(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url}/health did not answer within {STARTUP_SECONDS} s")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if _required():
            pytest.fail(f"{CHROMIUM} is missing (.ci/run installs it with apt-get)")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk")
    return CHROMIUM


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, chromium_path, artefacts):
    """gunicorn (config/gunicorn.conf.py, one worker) on 127.0.0.1:<free port>; its URL."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    bind = f"127.0.0.1:{_free_port()}"
    env = _server_env(data_dir, bind)
    subprocess.run([sys.executable, "-m", "tests.e2e.seed"], cwd=ROOT, env=env, check=True)
    log = (data_dir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "config" / "gunicorn.conf.py"),
         "matchhub.wsgi:app"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_health(f"http://{bind}", server)
        yield f"http://{bind}"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        shutil.copy(data_dir / "gunicorn.log", ARTEFACTS / "gunicorn.log")


@pytest.fixture(scope="session")
def artefacts() -> Path:
    shutil.rmtree(ARTEFACTS, ignore_errors=True)
    ARTEFACTS.mkdir(parents=True)
    return ARTEFACTS


@pytest.fixture(scope="session")
def browser(chromium_path, artefacts):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path),
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()
