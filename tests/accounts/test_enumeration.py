"""Signing in and registering do not tell whether an email has an account (finding 7)."""

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from matchhub.accounts.models import User
from matchhub.notifications.models import EmailOutbox
from tests.factories import UserFactory, credit_code
from tests.web.helpers import text
from tests.web.test_account_pages import register_form

STRONG = "青稞 plateau ferry 4812"


@pytest.fixture
def argon2_calls(monkeypatch):
    """How many times Argon2 hashed or verified a password."""
    calls = {"hash": 0, "verify": 0}
    for name in calls:
        real = getattr(PasswordHasher, name)

        def spy(self, *args, _real=real, _name=name, **kwargs):
            calls[_name] += 1
            return _real(self, *args, **kwargs)
        monkeypatch.setattr(PasswordHasher, name, spy)
    return calls


def test_unknown_email_costs_a_password_check_like_a_known_one(client, db_session,
                                                                 argon2_calls):
    user = UserFactory()
    db_session.commit()
    known = client.post("/login", data={"email": user.email, "password": "wrong password"})
    assert argon2_calls["verify"] == 1
    unknown = client.post("/login", data={"email": "nobody@example.org",
                                          "password": "wrong password"})
    assert argon2_calls["verify"] == 2
    assert known.status_code == unknown.status_code == 422
    client.post("/login", data={"email": "not an email", "password": "wrong password"})
    assert argon2_calls["verify"] == 3


def test_inactive_account_costs_the_same_check(client, db_session, argon2_calls):
    user = UserFactory(active=False)
    db_session.commit()
    assert client.post("/login", data={"email": user.email, "password": "x" * 9}
                       ).status_code == 422
    assert argon2_calls["verify"] == 1


def _register(client, **overrides):
    data = register_form(password=STRONG, password_confirm=STRONG, **overrides)
    return client.post("/register", data=data)


def test_registering_a_taken_email_answers_as_for_a_new_one(app, db_session, argon2_calls):
    owner = UserFactory(email="taken@example.org")
    db_session.commit()
    taken = _register(app.test_client(), email="taken@example.org")
    hashes_for_taken = argon2_calls["hash"]
    fresh = _register(app.test_client(), email="fresh@example.org",
                      org_name="甘肃另一家公司", org_credit_code=credit_code(434343))
    assert hashes_for_taken == 1 and argon2_calls["hash"] == 2
    assert taken.status_code == fresh.status_code == 302
    assert taken.headers["Location"] == fresh.headers["Location"]
    page = text(app.test_client().get(taken.headers["Location"]))
    assert "该邮箱已注册" not in page and "请查收" in page
    # The owner hears of the attempt; the other address gets its confirmation link.
    mails = {m.to_addr: m for m in db_session.scalars(select(EmailOutbox))}
    assert "找回密码" in mails[owner.email].body_text
    assert "/register/confirm/" in mails["fresh@example.org"].body_text
    assert db_session.scalar(select(User).where(User.email == "taken@example.org")) is owner
