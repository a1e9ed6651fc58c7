"""A contract links only listings its registrant may see, and its page shows a linked
listing's title only to viewers who may see that listing (issue 14, finding 2)."""

from tests.api.helpers import assert_error, bearer
from tests.contracts.helpers import contract_input
from tests.contracts.people import broker, platform_admin, register
from tests.factories import AchievementFactory, NeedFactory
from tests.web.helpers import field_error, login, text

SECRET = "某大学未公开草稿标题"
BOTH = ["contracts:read", "contracts:write"]


def _json(n: int = 1, **changes) -> dict:
    data = contract_input(n, **changes)
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def test_api_create_refuses_a_draft_of_someone_else(client, db_session):
    draft = AchievementFactory(status="draft", title=SECRET)
    rejected = NeedFactory(status="rejected")
    headers = bearer(broker(), BOTH)
    for key, item in (("achievement_id", draft), ("need_id", rejected)):
        response = client.post("/api/v1/contracts/", json=_json(**{key: item.id}),
                               headers=headers)
        error = assert_error(response, 422, "validation_failed")
        assert list(error["fields"]) == [key]
        assert SECRET not in response.get_data(as_text=True)


def test_api_patch_cannot_enumerate_drafts(client, db_session):
    user = broker()
    contract = register(user)
    draft = AchievementFactory(status="draft", title=SECRET)
    headers = bearer(user, BOTH)
    missing = client.patch(f"/api/v1/contracts/{contract.id}",
                           json={"achievement_id": draft.id + 1000}, headers=headers)
    hidden = client.patch(f"/api/v1/contracts/{contract.id}",
                          json={"achievement_id": draft.id}, headers=headers)
    assert_error(hidden, 422, "validation_failed")
    assert hidden.get_json() == missing.get_json()  # the same answer as for no such item


def test_web_create_refuses_a_draft_and_shows_no_title(client, db_session):
    draft = AchievementFactory(status="draft", title=SECRET)
    user = broker()
    db_session.commit()
    login(client, user)
    data = _json(achievement_id=draft.id)
    response = client.post("/contracts/new", data=data)
    assert response.status_code == 422
    assert field_error(text(response), "achievement_id")
    assert SECRET not in text(response)


def test_items_the_registrant_may_see_may_be_linked(client, db_session):
    published = NeedFactory()
    submitted = AchievementFactory(status="submitted")
    headers = bearer(platform_admin(), BOTH)  # a reviewer sees submissions
    response = client.post("/api/v1/contracts/", headers=headers, json=_json(
        need_id=published.id, achievement_id=submitted.id))
    assert response.status_code == 201, response.get_json()


def test_detail_page_hides_a_linked_title_the_viewer_may_not_see(client, db_session):
    item = AchievementFactory(title=SECRET)
    user = broker()
    contract = register(user, achievement_id=item.id)
    item.status = "withdrawn"  # withdrawn after the contract was registered
    db_session.commit()
    login(client, user)
    page = text(client.get(f"/contracts/{contract.id}"))
    assert SECRET not in page
    assert f"成果 #{item.id}" in page
    client.post("/logout")
    login(client, platform_admin())
    assert SECRET in text(client.get(f"/contracts/{contract.id}"))
