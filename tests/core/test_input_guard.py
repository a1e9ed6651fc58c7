"""Request bodies and query strings are checked before any schema or form sees them: lone
surrogates, control characters and deeply nested JSON are 4xx answers naming the field
(issue 14, findings 11 and 12)."""

import json

import pytest
from sqlalchemy import func, select

from matchhub.catalog.models import Achievement
from tests.api.helpers import assert_error, bearer
from tests.factories import OrganisationFactory, UserFactory
from tests.web.helpers import login, text
from tests.web.test_edit_pages import achievement_form

ACHIEVEMENT = {"title": "成果", "summary": "摘要", "field": "new_materials", "trl": 5,
               "modes": ["license"], "price_negotiable": True}


@pytest.fixture
def publisher(db_session):
    user = UserFactory(role="publisher", organisation=OrganisationFactory())
    db_session.commit()
    return user


def _post_raw(client, headers, raw: str, path="/api/v1/achievements/"):
    return client.post(path, data=raw.encode("utf-8", "surrogatepass"),
                       content_type="application/json", headers=headers)


def test_lone_surrogate_in_json_is_422_naming_the_field(client, publisher):
    raw = json.dumps({**ACHIEVEMENT, "title": "\ud800"})  # written as "\ud800"
    assert "\\ud800" in raw
    error = assert_error(_post_raw(client, bearer(publisher), raw), 422, "validation_failed")
    assert list(error["fields"]) == ["title"]


def test_lone_surrogate_in_a_nested_value_names_its_path(client, publisher):
    body = {**ACHIEVEMENT, "keywords": ["好", "\ud800"]}
    raw = json.dumps(body)  # ensure_ascii writes the lone surrogate as \ud800
    error = assert_error(_post_raw(client, bearer(publisher), raw), 422, "validation_failed")
    assert list(error["fields"]) == ["keywords.1"]


def test_control_characters_in_json_are_422_naming_the_field(client, publisher):
    for bad in ("\u0000", "a\u0007b", "\u009b"):
        raw = json.dumps({**ACHIEVEMENT, "summary": bad})
        error = assert_error(_post_raw(client, bearer(publisher), raw), 422,
                             "validation_failed")
        assert list(error["fields"]) == ["summary"]


def test_line_breaks_and_tabs_in_long_text_pass_the_guard(client, publisher):
    raw = json.dumps({**ACHIEVEMENT, "summary": "第一段\n第二段\t制表"})
    response = _post_raw(client, bearer(publisher), raw)
    assert response.status_code == 201, response.get_json()


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_json_is_400_naming_the_body(client, publisher, depth):
    raw = '{"title": ' + "[" * depth + "]" * depth + "}"
    error = assert_error(_post_raw(client, bearer(publisher), raw), 400, "bad_request")
    assert list(error["fields"]) == ["body"]


def test_brackets_inside_strings_do_not_count_as_nesting(client, publisher):
    raw = json.dumps({**ACHIEVEMENT, "summary": "[" * 200 + "{" * 200})
    assert _post_raw(client, bearer(publisher), raw).status_code == 201


def test_nul_in_a_form_field_is_422_naming_it(client, db_session, publisher):
    login(client, publisher)
    response = client.post("/achievements/new", data=achievement_form(title="含\x00空字符"))
    assert response.status_code == 422
    assert "title" in text(response)
    assert "含\x00空字符" not in text(response)
    assert db_session.scalar(select(func.count()).select_from(Achievement)) == 0


def test_nul_in_a_query_argument_is_400_naming_it(client):
    for path in ("/achievements", "/search", "/api/v1/achievements/"):
        response = client.get(path, query_string={"q": "电池\x00"})
        assert response.status_code == 400, path
        assert "q" in text(response)
