"""Each role's workbench (工作台) on the demo data, in a real browser at 1280 px: the page
after sign-in, the navigation on one row, and a screenshot per role in
``test-artefacts/e2e/workbench-<role>.png``."""

import os
import signal
import subprocess
import sys

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ROOT, _free_port, _server_env, _wait_for_health

pytestmark = pytest.mark.e2e

PASSWORD = "matchhub-demo"
ROLES = {
    "platform-admin": "admin@demo.example",
    "zone-admin": "zone.lanzhou@demo.example",
    "broker": "broker@demo.example",
    "org-admin": "orgadmin.jcu@demo.example",
    "publisher": "publisher.jcu@demo.example",
    "enterprise": "enterprise.lzpc@demo.example",
}


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, chromium_path, artefacts):
    """gunicorn over a data dir loaded by ``matchhub demo --no-serve``; its URL."""
    data_dir = tmp_path_factory.mktemp("e2e-demo")
    bind = f"127.0.0.1:{_free_port()}"
    env = _server_env(data_dir, bind)
    subprocess.run([sys.executable, "-m", "matchhub.cli", "demo", "--no-serve"], cwd=ROOT,
                   env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "config" / "gunicorn.conf.py"),
         "matchhub.wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        _wait_for_health(f"http://{bind}", server)
        yield f"http://{bind}"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_lands_on_its_workbench(browser: Browser, demo_server, artefacts, role):
    context = browser.new_context(base_url=demo_server, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto("/login")
        page.locator("#email").fill(ROLES[role])
        page.locator("#password").fill(PASSWORD)
        page.get_by_role("button", name="登录", exact=True).click()
        expect(page).to_have_url(f"{demo_server}/workbench")
        expect(page.get_by_role("heading", level=1)).to_have_text("工作台")
        tops = {round(box["y"]) for box in (
            item.bounding_box() for item in page.locator(".nav > a, .nav > details").all())}
        assert len(tops) == 1, f"the navigation wraps onto {len(tops)} rows"
        page.screenshot(path=artefacts / f"workbench-{role}.png", full_page=True)
        if os.environ.get("MATCHHUB_SHOTS_DIR"):
            page.screenshot(path=f"{os.environ['MATCHHUB_SHOTS_DIR']}/workbench-{role}.png",
                            full_page=True)
    finally:
        context.close()
