"""Helpers for the web tests: sign in through the real form, read pages."""

import re

from tests.factories import PASSWORD


def login(client, user, password: str = PASSWORD, next_url: str | None = None,
          remember: bool = False):
    url = "/login" if next_url is None else f"/login?next={next_url}"
    data = {"email": user.email, "password": password} | ({"remember": "y"} if remember else {})
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def text(response) -> str:
    return response.get_data(as_text=True)


def field_error(page: str, field_id: str) -> str:
    """The error list rendered under a form field ("" when there is none)."""
    match = re.search(rf'<ul class="field-errors" id="{re.escape(field_id)}-errors">(.*?)</ul>',
                      page, re.S)
    return match.group(1) if match else ""


def confirm_and_login(client, email: str, password: str = PASSWORD):
    """Self-registration signs nobody in: confirm the address (as the emailed link does;
    tests/accounts/test_sessions.py tests the link) and sign in through the form."""
    from sqlalchemy import select

    from matchhub.accounts.models import User
    from matchhub.core.extensions import db

    user = db.session.scalar(select(User).where(User.email == email))
    user.email_confirmed = True
    db.session.commit()
    login(client, user, password)
    return user
