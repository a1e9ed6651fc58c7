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


# Membership and verification states through HTTP: a pending member (asked to join, not
# approved), a member of an unverified organisation, and a member of a verified one.
@pytest.mark.parametrize(("who", "verified", "may_submit"), [
    ("pending_member", True, False),
    ("owner", False, False),
    ("org_admin", False, False),
    ("owner", True, True),
])
def test_submitting_needs_a_verified_organisation(client, db_session, cast, who, verified,
                                                  may_submit):
    university = cast["owner"].organisation
    university.verified = verified
    web_draft = AchievementFactory(created_by=cast["owner"], status="draft", title=TITLE)
    api_draft = AchievementFactory(created_by=cast["owner"], status="draft", title=TITLE)
    db_session.commit()
    login(client, cast[who])
    headers = bearer(cast[who], ["catalog:read", "catalog:write"])
    page = client.post(f"/achievements/{web_draft.id}/actions/submit")
    api = client.post(f"/api/v1/achievements/{api_draft.id}/transitions",
                      json={"action": "submit"}, headers=headers)
    db_session.expire_all()
    if may_submit:
        assert page.status_code == 302 and api.status_code == 201
        assert (web_draft.status, api_draft.status) == ("submitted", "submitted")
    else:
        assert page.status_code in {302, 403, 404, 409} and api.status_code in {403, 404, 409}
        assert (web_draft.status, api_draft.status) == ("draft", "draft")


def test_a_pending_member_sees_no_organisation_page_of_its_own(client, db_session, cast):
    login(client, cast["pending_member"])
    assert client.get("/achievements/new").status_code == 403
    assert client.get("/needs/new").status_code == 403
    assert client.get("/account/membership-requests").status_code == 403
    assert client.get("/admin/verifications").status_code == 403
    assert client.get("/contracts/new").status_code == 403
