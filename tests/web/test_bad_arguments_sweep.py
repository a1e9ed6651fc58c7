"""Every page and API list answers bad numbers in its query string with a 4xx naming the
argument, never a 500 (issue 14, finding 11): oversized pages, ids beyond any id column,
non-ASCII digits."""

import pytest

from tests.api.helpers import bearer
from tests.factories import OrganisationFactory, UserFactory
from tests.web.helpers import login, text

HUGE = str(10**22)
BEYOND_INT64 = "9223372036854775808"
ALL_SCOPES = ["catalog:read", "catalog:write", "review", "contracts:read", "contracts:write"]
# Query arguments some page or list reads as a number.
NUMERIC_ARGS = ("page", "apage", "npage", "per_page", "org_id", "actor", "year", "case", "limit")
BAD_VALUES = (HUGE, BEYOND_INT64, "-1", "²", "١٢")
# Lists that take ``page``: a bad one is refused, naming it.
PAGED_PAGES = ("/achievements", "/needs", "/search", "/cases", "/contracts/", "/notifications",
               "/admin/audit", "/admin/organisations", "/admin/users")
PAGED_API = ("/api/v1/achievements/", "/api/v1/needs/", "/api/v1/cases/",
             "/api/v1/contracts/", "/api/v1/notifications", "/api/v1/subscriptions",
             "/api/v1/organisations", "/api/v1/search")


def _get_rules(app, prefix_api: bool) -> list[str]:
    """Every GET rule without URL arguments (pages or API resources)."""
    rules = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments or rule.rule.startswith("/static"):
            continue
        if rule.rule.startswith("/api/") == prefix_api:
            rules.append(rule.rule)
    return sorted(rules)


@pytest.fixture
def admin(db_session):
    user = UserFactory(platform_admin=True)
    db_session.commit()
    return user


def _paths(app, api: bool) -> list[str]:
    org = OrganisationFactory()
    extra = [] if api else ["/achievements", "/needs", "/zones/620100",
                            f"/organisations/{org.id}"]
    return _get_rules(app, api) + extra


def _assert_no_5xx(client, paths, headers=None):
    failures = []
    for path in paths:
        for name in NUMERIC_ARGS:
            for value in BAD_VALUES:
                response = client.get(path, query_string={name: value}, headers=headers)
                if response.status_code >= 500:
                    failures.append(f"{path}?{name}={value}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_no_page_answers_a_bad_number_with_a_500(client, app, admin):
    login(client, admin)
    _assert_no_5xx(client, _paths(app, api=False))


def test_no_api_resource_answers_a_bad_number_with_a_500(client, app, admin):
    _assert_no_5xx(client, _paths(app, api=True), bearer(admin, ALL_SCOPES))


def test_anonymous_pages_answer_bad_numbers_with_4xx(client, app):
    _assert_no_5xx(client, _paths(app, api=False))


@pytest.mark.parametrize("path", PAGED_PAGES)
def test_paged_page_refuses_a_huge_page_naming_it(client, admin, path):
    login(client, admin)
    for value in (HUGE, "0", "x", "²"):
        response = client.get(path, query_string={"page": value})
        assert response.status_code == 400, (path, value, response.status_code)
        assert "page" in text(response)


@pytest.mark.parametrize("path", PAGED_API)
def test_paged_api_list_refuses_a_huge_page_naming_it(client, admin, path):
    headers = bearer(admin, ALL_SCOPES)
    response = client.get(path, query_string={"page": HUGE, "q": "电池"}, headers=headers)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    assert "page" in response.get_json()["error"]["fields"]


def test_org_filter_beyond_any_id_is_refused_naming_it(client):
    for path in ("/achievements", "/needs", "/api/v1/achievements/", "/api/v1/needs/"):
        response = client.get(path, query_string={"org_id": BEYOND_INT64})
        assert response.status_code in (400, 422), (path, response.status_code)
        assert "org_id" in text(response)


def test_register_from_a_huge_case_number_is_refused_naming_it(client, admin):
    login(client, admin)
    for value in (HUGE, "²"):
        response = client.get("/contracts/new", query_string={"case": value})
        assert response.status_code in (400, 404), (value, response.status_code)


def test_opening_a_case_with_huge_ids_is_422_naming_them(client, admin):
    login(client, admin)
    for data, name in (({"need_id": HUGE}, "need_id"), ({"need_id": "²"}, "need_id"),
                       ({"need_id": "1", "achievement_id": BEYOND_INT64}, "achievement_id")):
        response = client.post("/cases", data=data)
        assert response.status_code == 422, (data, response.status_code)
        assert name in text(response)
