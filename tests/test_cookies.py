"""Session and remember-me cookies: HttpOnly, SameSite=Lax, Secure behind HTTPS; ProxyFix."""

import pytest

from matchhub import create_app
from matchhub.core.extensions import db
from matchhub.core.settings import ConfigError
from tests.factories import PASSWORD, UserFactory


def _set_cookies(response) -> dict[str, str]:
    return {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}


def _sign_in(app, db_session, **form):
    user = UserFactory()
    db_session.commit()
    client = app.test_client()
    return client.post("/login", data={"email": user.email, "password": PASSWORD, **form})


def test_session_cookie_is_httponly_and_lax_but_not_secure_by_default(app, db_session):
    response = _sign_in(app, db_session, remember="y")
    assert response.status_code == 302
    cookies = _set_cookies(response)
    for name in ("session", "remember_token"):
        assert "HttpOnly" in cookies[name]
        assert "SameSite=Lax" in cookies[name]
        assert "Secure" not in cookies[name]


@pytest.fixture
def https_app(database_url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "https",
                      "DATA_DIR": str(tmp_path), "WTF_CSRF_ENABLED": False, "ES_URL": "",
                      "RATELIMIT_ENABLED": False, "SESSION_COOKIE_SECURE": "true",
                      "PROXY_FIX_HOPS": 1})
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.mark.commits
def test_secure_setting_marks_both_cookies_secure(https_app, db_session):
    cookies = _set_cookies(_sign_in(https_app, db_session, remember="y"))
    assert "; Secure" in cookies["session"]
    assert "; Secure" in cookies["remember_token"]


def test_proxy_fix_trusts_the_forwarded_scheme_and_address(https_app):
    seen = {}

    @https_app.get("/_probe")
    def probe():
        from flask import request
        seen.update(scheme=request.scheme, addr=request.remote_addr)
        return ""

    https_app.test_client().get("/_probe", headers={
        "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert seen == {"scheme": "https", "addr": "203.0.113.9"}


def test_bad_cookie_and_proxy_settings_are_refused(database_url, tmp_path):
    for bad in ({"SESSION_COOKIE_SECURE": "maybe"}, {"PROXY_FIX_HOPS": "two"}):
        with pytest.raises(ConfigError):
            create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x",
                        "DATA_DIR": str(tmp_path), **bad})
