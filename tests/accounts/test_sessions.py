"""Sessions and tokens can be ended: sign out everywhere, password change and reset,
deactivation (for good); remember-me lasts a fortnight (finding 10)."""

import re

from flask import g
from sqlalchemy import select

from matchhub.accounts import links
from matchhub.accounts.models import ApiToken, User
from matchhub.accounts.services import authenticate
from matchhub.accounts.tokens import issue_token
from matchhub.audit.models import AuditEntry
from matchhub.notifications.models import EmailOutbox
from tests.factories import PASSWORD, UserFactory
from tests.web.helpers import field_error, login, text

NEW_PASSWORD = "青稞 plateau ferry 4812"


def _signed_in(client) -> bool:
    # The test's app context outlives requests: forget the user Flask-Login loaded for
    # the previous one, so this request loads its own from the cookie.
    g.pop("_login_user", None)
    return client.get("/account").status_code == 200


def _login(client, user, **kwargs):
    g.pop("_login_user", None)  # see _signed_in
    return login(client, user, **kwargs)


def _actions(session, user) -> list[str]:
    return list(session.scalars(select(AuditEntry.action).where(
        AuditEntry.target_id == user.id).order_by(AuditEntry.id)))


def _api_ok(app, secret) -> bool:
    response = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    return response.status_code == 200


def test_sign_out_everywhere_ends_a_copied_session(app, db_session):
    user = UserFactory()
    db_session.commit()
    laptop, phone = app.test_client(), app.test_client()
    _login(laptop, user)
    _login(phone, user)
    assert phone.post("/account/sessions/revoke").status_code == 302
    assert not _signed_in(laptop)
    assert _signed_in(phone)  # the device that asked stays signed in
    assert "sessions.revoke" in _actions(db_session, user)
    assert "退出所有设备" in text(phone.get("/account"))


def test_a_cookie_kept_from_before_sign_out_everywhere_is_refused(app, db_session):
    user = UserFactory()
    db_session.commit()
    client = app.test_client()
    _login(client, user, remember=True)
    thief = app.test_client()
    for name in ("session", "remember_token"):
        thief.set_cookie(name, client.get_cookie(name).value)
    assert _signed_in(thief)  # a copied cookie works until...
    client.post("/account/sessions/revoke")
    client.post("/logout")
    assert not _signed_in(thief)
    thief.delete_cookie("session")  # the remember-me cookie alone is refused too
    assert not _signed_in(thief)


def test_remember_me_lasts_a_fortnight(client, db_session):
    user = UserFactory()
    db_session.commit()
    response = _login(client, user, remember=True)
    cookie = next(h for h in response.headers.getlist("Set-Cookie")
                  if h.startswith("remember_token="))
    assert "Expires=" in cookie
    assert 13 <= app_days(cookie) <= 14


def app_days(cookie: str) -> int:
    import datetime as dt
    from email.utils import parsedate_to_datetime
    expires = re.search(r"Expires=([^;]+)", cookie).group(1)
    return (parsedate_to_datetime(expires) - dt.datetime.now(dt.UTC)).days


def test_deactivation_ends_sessions_and_tokens_for_good(app, db_session):
    admin, user = UserFactory(platform_admin=True), UserFactory()
    token, secret = issue_token(db_session, user, "脚本", ["catalog:read"])
    db_session.commit()
    victim = app.test_client()
    _login(victim, user)
    admin_client = app.test_client()
    g.pop("_login_user", None)
    _login(admin_client, admin)
    for active in ("0", "1"):
        g.pop("_login_user", None)
        assert admin_client.post(f"/admin/users/{user.id}/active",
                                 data={"active": active}).status_code == 302
    assert db_session.get(User, user.id).active
    assert not _signed_in(victim)
    assert not _api_ok(app, secret)
    assert db_session.get(ApiToken, token.id).revoked_at is not None


def test_password_change_needs_the_current_password(client, db_session):
    user = UserFactory()
    db_session.commit()
    _login(client, user)
    response = client.post("/account/password", data={
        "current_password": "not my password", "new_password": NEW_PASSWORD,
        "new_password_confirm": NEW_PASSWORD})
    assert response.status_code == 422
    assert "当前密码不正确" in field_error(text(response), "current_password")
    assert authenticate(db_session, user.email, PASSWORD) is user


def test_password_change_ends_other_sessions_and_tokens(app, db_session):
    user = UserFactory()
    _, secret = issue_token(db_session, user, "脚本", ["catalog:read"])
    db_session.commit()
    other, here = app.test_client(), app.test_client()
    _login(other, user)
    _login(here, user)
    assert "修改密码" in text(here.get("/account"))
    response = here.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD,
        "new_password_confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert _signed_in(here) and not _signed_in(other)
    assert not _api_ok(app, secret)
    assert authenticate(db_session, user.email, NEW_PASSWORD) is user
    assert "password.change" in _actions(db_session, user)


def _reset_link(session, email: str) -> str:
    mail = session.scalar(select(EmailOutbox).where(EmailOutbox.to_addr == email))
    return re.search(r"https?://\S+(/password/reset/\S+)", mail.body_text).group(1)


def test_reset_by_emailed_link_works_once(app, db_session):
    user = UserFactory()
    db_session.commit()
    client = app.test_client()
    assert "忘记密码" in text(client.get("/login"))
    known = client.post("/password/forgot", data={"email": user.email})
    unknown = client.post("/password/forgot", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert db_session.scalar(select(EmailOutbox.to_addr)) == user.email  # only one email
    path = _reset_link(db_session, user.email)
    assert client.get(path).status_code == 200
    form = {"new_password": NEW_PASSWORD, "new_password_confirm": NEW_PASSWORD}
    assert client.post(path, data=form).status_code == 302
    assert authenticate(db_session, user.email, NEW_PASSWORD) is user
    assert client.post(path, data=form).status_code == 404  # used
    assert "password.reset" in _actions(db_session, user)


def test_reset_link_expires_and_forged_links_fail(app, db_session, monkeypatch):
    user = UserFactory()
    db_session.commit()
    client = app.test_client()
    client.post("/password/forgot", data={"email": user.email})
    path = _reset_link(db_session, user.email)
    assert client.get(path[:-2] + "xx").status_code == 404
    monkeypatch.setattr(links, "RESET_MAX_AGE", -1)
    assert client.get(path).status_code == 404


def test_registration_is_confirmed_by_the_emailed_link(app, db_session):
    from tests.accounts.test_enumeration import _register
    client = app.test_client()
    assert _register(client, email="new@example.org").status_code == 302
    assert not _signed_in(client)
    user = db_session.scalar(select(User).where(User.email == "new@example.org"))
    assert not user.email_confirmed
    refused = client.post("/login", data={"email": user.email, "password": NEW_PASSWORD})
    assert "尚未验证" in text(refused)
    mail = db_session.scalar(select(EmailOutbox).where(EmailOutbox.to_addr == user.email))
    path = re.search(r"https?://\S+(/register/confirm/\S+)", mail.body_text).group(1)
    assert client.get(path).status_code == 302
    assert user.email_confirmed
    assert client.get(path).status_code == 404  # once
    _login(client, user, password=NEW_PASSWORD)
