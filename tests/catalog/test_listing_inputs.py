"""What a listing may hold (issue 14, finding 12): blank-looking titles, contact details,
end dates and money strings are checked for the API, the pages and import files alike."""

import datetime as dt
import io

import pytest

from matchhub.core import clock
from tests.api.helpers import assert_error, bearer
from tests.factories import AchievementFactory, EnterpriseUserFactory, UserFactory
from tests.imports.helpers import ACHIEVEMENT_HEADERS, achievement_row, csv_bytes
from tests.web.helpers import field_error, login, text
from tests.web.test_edit_pages import achievement_form

ACHIEVEMENT = {"title": "成果", "summary": "摘要", "field": "new_materials", "trl": 5,
               "modes": ["license"], "price_negotiable": True}
NEED = {"title": "需求", "description": "描述", "field": "new_materials", "modes": ["license"],
        "budget_negotiable": True}


@pytest.fixture
def publisher(db_session):
    user = UserFactory(role="publisher")
    db_session.commit()
    return user


def _refused(client, headers, body, field, path="/api/v1/achievements/"):
    response = client.post(path, json=body, headers=headers)
    error = assert_error(response, 422, "validation_failed")
    assert field in error["fields"], error
    return error


@pytest.mark.parametrize("blank", ["   ", "\u3000\u3000", "\u200b", "\ufeff\u200d", "\u2060 "])
def test_blank_looking_titles_are_refused(client, publisher, blank):
    _refused(client, bearer(publisher), {**ACHIEVEMENT, "title": blank}, "title")


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "王@", "x@y..com", "a b@c.com"])
def test_bad_contact_email_is_refused(client, publisher, email):
    _refused(client, bearer(publisher), {**ACHIEVEMENT, "contact_email": email},
             "contact_email")


@pytest.mark.parametrize("phone", ["abc", "123", "1381234567", "0931-12", "99999999999",
                                   "+86 12345", "138-1234-5678-9"])
def test_bad_contact_phone_is_refused(client, publisher, phone):
    _refused(client, bearer(publisher), {**ACHIEVEMENT, "contact_phone": phone},
             "contact_phone")


@pytest.mark.parametrize("phone", ["13812345678", "+86 138 1234 5678", "0931-8912345",
                                   "(0931)8912345", "010-62751234", "400-810-5888"])
def test_mainland_mobile_and_landline_numbers_are_accepted(client, publisher, phone):
    body = {**ACHIEVEMENT, "contact_phone": phone, "contact_email": "li@lzu.edu.cn"}
    response = client.post("/api/v1/achievements/", json=body, headers=bearer(publisher))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["contact_phone"] == phone


def test_end_dates_far_in_the_future_are_refused(client, publisher, db_session):
    enterprise = EnterpriseUserFactory()
    db_session.commit()
    _refused(client, bearer(publisher), {**ACHIEVEMENT, "valid_until": "9999-12-31"},
             "valid_until")
    _refused(client, bearer(enterprise), {**NEED, "deadline": "2200-01-01"}, "deadline",
             "/api/v1/needs/")
    within = (clock.today() + dt.timedelta(days=4 * 365)).isoformat()
    response = client.post("/api/v1/achievements/", json={**ACHIEVEMENT, "valid_until": within},
                           headers=bearer(publisher))
    assert response.status_code == 201, response.get_json()


def test_renewal_far_in_the_future_is_refused(client, db_session):
    item = AchievementFactory()
    db_session.commit()
    response = client.post(f"/api/v1/achievements/{item.id}/transitions",
                           json={"action": "renew", "new_end": "9999-12-31"},
                           headers=bearer(item.created_by))
    error = assert_error(response, 422, "validation_failed")
    assert "valid_until" in error["fields"]


@pytest.mark.parametrize("amount", ["1e3", "1E3", "Infinity", "NaN", "-0", "１２", "0x10",
                                    "1_000", "12.5e1万"])
def test_money_must_be_a_plain_decimal(client, publisher, amount):
    body = {**ACHIEVEMENT, "price_negotiable": False, "asking_price": amount}
    _refused(client, bearer(publisher), body, "asking_price")


def test_web_form_refuses_bad_contacts_and_dates(client, publisher):
    login(client, publisher)
    response = client.post("/achievements/new", data=achievement_form(
        title="\u200b", contact_email="nope", contact_phone="12", valid_until="9999-12-31"))
    assert response.status_code == 422
    page = text(response)
    for field in ("title", "contact_email", "contact_phone", "valid_until"):
        assert field_error(page, field), field


def test_import_file_refuses_control_characters_and_exponents(client, publisher):
    rows = [achievement_row(1, 成果名称="含\x1b[31m控制字符"),
            achievement_row(2, **{"报价(万元)": "1e3"})]
    response = client.post("/api/v1/imports/achievement", headers=bearer(publisher),
                           data={"file": (io.BytesIO(csv_bytes(ACHIEVEMENT_HEADERS, rows)),
                                          "a.csv")})
    assert response.status_code == 422, response.get_json()
    assert "\x1b" not in response.get_data(as_text=True)
    errors = response.get_json()["error"]["rows"]
    assert {(e["row"], e["field"]) for e in errors} >= {(2, "成果名称"), (3, "报价(万元)")}
