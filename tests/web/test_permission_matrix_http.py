"""The permission matrix through HTTP: each role × state × relation to the owner, on the
detail page, the API, search and suggest. Denials are 403/404 and never leak the title;
lists, search results and facets leave invisible items out.

Mirrors tests/catalog/test_access.py (the service-level matrix) and reuses its cast.
"""

import json
import re

import pytest

from tests.api.helpers import bearer
from tests.catalog.test_access import EVERYONE, expected
from tests.catalog.test_access import cast as cast  # noqa: F401  (the fixture)
from tests.factories import AchievementFactory, NeedFactory
from tests.web.helpers import login

TITLE = "量子点荧光膜卷对卷封装工艺"
STATES = ["draft", "submitted", "published"]
FACTORIES = {"achievements": AchievementFactory, "needs": NeedFactory}
ROLES = sorted(EVERYONE - {"granted"})  # "granted" differs only in the confidential detail


def _clients(client, user):
    """(web client signed in as ``user``, API headers) — anonymous when user is None."""
    if user is None:
        return client, {}
    login(client, user)
    return client, bearer(user, ["catalog:read"])


def _body(response) -> str:
    """The body as read: JSON with its escapes (\\uXXXX) decoded, HTML without tags
    (highlighting splits a title into <mark> pieces)."""
    if response.is_json:
        return json.dumps(response.get_json(), ensure_ascii=False)
    return re.sub(r"<[^>]+>", "", response.get_data(as_text=True))


def _denied(response) -> bool:
    return response.status_code in {403, 404} and TITLE not in _body(response)


@pytest.mark.parametrize("plural", sorted(FACTORIES))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_detail_page_and_api_follow_the_matrix(client, db_session, cast, role, state, plural):
    item = FACTORIES[plural](created_by=cast["owner"], status=state, region_code="620100",
                             title=TITLE)
    db_session.commit()
    web, headers = _clients(client, cast[role])
    visible = role in expected("view", state)
    page = web.get(f"/{plural}/{item.id}")
    api = web.get(f"/api/v1/{plural}/{item.id}", headers=headers)
    for response in (page, api):
        if visible:
            assert response.status_code == 200
            assert TITLE in _body(response)
        else:
            assert _denied(response), (response.status_code, role, state)


@pytest.mark.commits
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ["anon", "owner", "platform_admin", "zone_admin_in"])
def test_lists_search_facets_and_suggest_show_published_items_only(client, db_session, cast,
                                                                   role, state):
    AchievementFactory(created_by=cast["owner"], status=state, region_code="620100",
                       title=TITLE)
    db_session.commit()
    web, headers = _clients(client, cast[role])
    listed = state == "published"
    query = "荧光膜 封装工艺"  # not the title itself: the search page repeats the query
    found = web.get(f"/api/v1/search?q={query}&type=achievement", headers=headers).get_json()
    assert (found["total"] == 1) is listed
    assert any(count for counts in found["facets"].values() for count in counts.values()) \
        is listed
    suggest = web.get("/api/v1/suggest?q=量子点荧光&type=achievement", headers=headers)
    assert (TITLE in _body(suggest)) is listed
    for url in ("/api/v1/achievements/", "/achievements", f"/search?q={query}"):
        assert (TITLE in _body(web.get(url, headers=headers))) is listed, url
