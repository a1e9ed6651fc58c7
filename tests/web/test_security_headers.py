"""Every response carries the security headers; the pages need no inline script or style,
so the Content-Security-Policy allows none (the dashboards' charts load from static files)."""

import re

import pytest

from tests.web.helpers import login, text
from tests.zones.helpers import LANZHOU, load_years, platform_admin

INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle=", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)


def test_pages_and_api_answers_carry_the_security_headers(client):
    for url in ("/", "/login", "/api/v1/achievements/", "/no-such-page"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("url", ["/zones?year=2016", f"/zones/{LANZHOU}?year=2016",
                                 "/search?q=马铃薯", "/"])
def test_pages_have_no_inline_script_or_style_the_policy_would_block(client, url):
    admin = platform_admin()
    load_years(admin)
    login(client, admin)
    page = text(client.get(url))
    assert not INLINE_HANDLER.search(page)
    assert not INLINE_STYLE.search(page)
    assert not INLINE_SCRIPT.search(page)
