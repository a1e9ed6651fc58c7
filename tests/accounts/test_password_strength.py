"""Weak passwords are refused wherever a password is set, with the reason in Chinese
(finding 8)."""

import pytest
from sqlalchemy import func, select

from matchhub.accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.web.helpers import field_error, login, text
from tests.web.test_account_pages import register_form


@pytest.mark.parametrize(("password", "reason"), [
    ("password", "容易被猜中"),
    ("12345678", "最常见的密码"),
    ("woaini1314", "最常见的密码"),
    ("5201314520", "最常见的密码"),
    ("zhao@example.org", "邮箱、姓名"),
    ("zhao2024zhao", "邮箱、姓名"),
])
def test_registration_refuses_weak_passwords(client, db_session, password, reason):
    response = client.post("/register", data=register_form(password=password,
                                                            password_confirm=password))
    assert response.status_code == 422
    assert reason in field_error(text(response), "password")
    assert db_session.scalar(select(func.count()).select_from(User)) == 0


def test_registration_refuses_the_organisation_name(client, db_session):
    password = "甘肃某某新材料有限公司1"
    response = client.post("/register", data=register_form(password=password,
                                                            password_confirm=password))
    assert "机构名称" in field_error(text(response), "password")


def test_create_admin_refuses_a_weak_password(runner, db_session):
    result = runner.invoke(args=["create-admin", "--email", "root@example.org"],
                           input="12345678\n12345678\n")
    assert result.exit_code != 0 and "最常见的密码" in result.output
    assert db_session.scalar(select(User).where(User.email == "root@example.org")) is None


def test_password_change_refuses_a_weak_password(client, db_session):
    user = UserFactory()
    db_session.commit()
    login(client, user)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "qwerty123",
        "new_password_confirm": "qwerty123"})
    assert response.status_code == 422
    assert "容易被猜中" in field_error(text(response), "new_password")
