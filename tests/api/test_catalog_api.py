import datetime as dt

import pytest
from sqlalchemy import select

from matchhub.accounts.models import ApiToken
from matchhub.accounts.tokens import revoke_token
from matchhub.core import clock
from tests.api.helpers import assert_error, bearer
from tests.factories import AchievementFactory, NeedFactory, OrganisationFactory, UserFactory

NEW_ACHIEVEMENT = {
    "title": "低品位镍钴矿生物浸出技术",
    "summary": "以嗜酸菌浸出低品位镍钴矿，回收率提高。",
    "keywords": ["生物浸出", "镍钴"],
    "field": "new_materials",
    "trl": 5,
    "modes": ["license", "co_development"],
    "asking_price": "800000.00",
    "valid_until": (clock.today() + dt.timedelta(days=200)).isoformat(),
    "confidential_detail": "菌种编号 JC-7",
}


@pytest.fixture
def publisher(db_session):
    user = UserFactory(role="publisher", organisation=OrganisationFactory(region_code="620300"))
    db_session.commit()
    return user


@pytest.fixture
def admin(db_session):
    return UserFactory(role="platform_admin", organisation=None)


def test_public_list_shows_only_live_published(client, db_session, publisher):
    live = AchievementFactory(created_by=publisher, title="公开成果")
    AchievementFactory(created_by=publisher, status="draft", title="草稿成果")
    AchievementFactory(created_by=publisher, valid_until=clock.today() - dt.timedelta(days=1),
                       title="过期成果")
    db_session.commit()
    body = client.get("/api/v1/achievements/").get_json()
    assert [item["id"] for item in body["items"]] == [live.id]
    assert body["total"] == 1
    assert "confidential_detail" not in body["items"][0]
    assert body["items"][0]["asking_price"] == "500000.00"


def test_list_filters_and_bad_filter(client, db_session, publisher):
    AchievementFactory(created_by=publisher, field="agriculture", trl=8)
    AchievementFactory(created_by=publisher, field="nuclear", trl=2)
    db_session.commit()
    body = client.get("/api/v1/achievements/?field=agriculture&stage=industrial").get_json()
    assert [i["field"] for i in body["items"]] == ["agriculture"]
    error = assert_error(client.get("/api/v1/achievements/?stage=alchemy"), 422,
                         "validation_failed")
    assert list(error["fields"]) == ["stage"]


def test_draft_is_404_for_others_and_leaks_nothing(client, db_session, publisher):
    draft = AchievementFactory(created_by=publisher, status="draft", title="秘密草稿标题")
    stranger = UserFactory(role="publisher")
    db_session.commit()
    for headers in ({}, bearer(stranger)):
        response = client.get(f"/api/v1/achievements/{draft.id}", headers=headers)
        assert_error(response, 404, "not_found")
        assert "秘密草稿标题" not in response.get_data(as_text=True)
    owner_view = client.get(f"/api/v1/achievements/{draft.id}", headers=bearer(publisher))
    assert owner_view.status_code == 200
    assert owner_view.get_json()["confidential_detail"] == draft.confidential_detail


def test_create_requires_token_and_scope(client, publisher):
    assert_error(client.post("/api/v1/achievements/", json=NEW_ACHIEVEMENT), 401, "unauthorized")
    read_only = bearer(publisher, ["catalog:read"])
    assert_error(client.post("/api/v1/achievements/", json=NEW_ACHIEVEMENT, headers=read_only),
                 403, "forbidden")
    bogus = {"Authorization": "Bearer mh_not_a_token"}
    assert_error(client.get("/api/v1/achievements/", headers=bogus), 401, "unauthorized")


def test_create_and_read_back(client, publisher):
    response = client.post("/api/v1/achievements/", json=NEW_ACHIEVEMENT,
                           headers=bearer(publisher))
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["status"] == "draft"
    assert created["asking_price"] == "800000.00"
    assert created["price_display"] == "80.00 万元"
    assert created["region_code"] == "620300"
    assert created["maturity_label"] == "TRL5（小试）"


def test_create_validation_names_fields(client, publisher):
    bad = {**NEW_ACHIEVEMENT, "trl": 0, "asking_price": 12.5, "modes": []}
    error = assert_error(client.post("/api/v1/achievements/", json=bad, headers=bearer(publisher)),
                         422, "validation_failed")
    assert {"trl", "asking_price", "modes"} <= set(error["fields"])
    domain = {**NEW_ACHIEVEMENT, "valid_until": "2001-01-01", "region_code": "999999"}
    error = assert_error(client.post("/api/v1/achievements/", json=domain,
                                     headers=bearer(publisher)), 422, "validation_failed")
    assert set(error["fields"]) == {"valid_until", "region_code"}


def test_enterprise_cannot_create_achievement(client, db_session):
    buyer = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    db_session.commit()
    assert_error(client.post("/api/v1/achievements/", json=NEW_ACHIEVEMENT, headers=bearer(buyer)),
                 403, "forbidden")


def test_patch_rules(client, db_session, publisher):
    published = AchievementFactory(created_by=publisher)
    draft = AchievementFactory(created_by=publisher, status="draft")
    stranger = UserFactory(role="publisher")
    db_session.commit()
    url = f"/api/v1/achievements/{published.id}"
    assert_error(client.patch(url, json={"title": "x"}, headers=bearer(stranger)), 403, "forbidden")
    owner = bearer(publisher)
    assert_error(client.patch(url, json={"title": "x"}, headers=owner), 403, "forbidden")
    response = client.patch(f"/api/v1/achievements/{draft.id}", json={"title": "改后的标题"},
                            headers=bearer(publisher))
    assert response.status_code == 200
    assert response.get_json()["title"] == "改后的标题"
    assert_error(client.patch(f"/api/v1/achievements/{draft.id}", json={"title": "y"},
                              headers=bearer(stranger)), 404, "not_found")


def test_workflow_over_api(client, db_session, publisher, admin):
    draft = AchievementFactory(created_by=publisher, status="draft")
    db_session.commit()
    url = f"/api/v1/achievements/{draft.id}/transitions"
    owner, reviewer = bearer(publisher), bearer(admin)
    assert_error(client.post(url, json={"action": "approve"}, headers=reviewer), 409,
                 "invalid_transition")
    assert client.post(url, json={"action": "submit"}, headers=owner).status_code == 201
    assert_error(client.post(url, json={"action": "approve"}, headers=owner), 403, "forbidden")
    no_review_scope = bearer(admin, ["catalog:read", "catalog:write"])
    assert_error(client.post(url, json={"action": "approve"}, headers=no_review_scope), 403,
                 "forbidden")
    error = assert_error(client.post(url, json={"action": "reject"}, headers=reviewer), 422,
                         "validation_failed")
    assert list(error["fields"]) == ["reason"]
    assert client.post(url, json={"action": "approve"}, headers=reviewer).status_code == 201
    history = client.get(url, headers=owner).get_json()
    assert [h["action"] for h in history] == ["submit", "approve"]
    assert_error(client.get(url), 403, "forbidden")
    assert client.get(f"/api/v1/achievements/{draft.id}").status_code == 200


def test_delete_only_drafts(client, db_session, publisher):
    draft = AchievementFactory(created_by=publisher, status="draft")
    live = AchievementFactory(created_by=publisher)
    db_session.commit()
    headers = bearer(publisher)
    assert_error(client.delete(f"/api/v1/achievements/{live.id}", headers=headers), 403,
                 "forbidden")
    assert client.delete(f"/api/v1/achievements/{draft.id}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/achievements/{draft.id}", headers=headers).status_code == 404


def test_mine_lists_own_drafts_only(client, db_session, publisher):
    mine = AchievementFactory(created_by=publisher, status="draft")
    AchievementFactory(status="draft")
    db_session.commit()
    body = client.get("/api/v1/achievements/?mine=true", headers=bearer(publisher)).get_json()
    assert [i["id"] for i in body["items"]] == [mine.id]
    assert_error(client.get("/api/v1/achievements/?mine=true"), 401, "unauthorized")


def test_revoked_token_is_refused(client, db_session, publisher):
    headers = bearer(publisher)
    token_id = db_session.scalar(select(ApiToken.id))
    assert revoke_token(db_session, publisher, token_id)
    db_session.commit()
    assert_error(client.get("/api/v1/me", headers=headers), 401, "unauthorized")


def test_needs_endpoints(client, db_session):
    need = NeedFactory(budget_min=None, budget_max=None, budget_negotiable=True)
    db_session.commit()
    body = client.get(f"/api/v1/needs/{need.id}").get_json()
    assert body["budget_display"] == "面议"
    assert body["region_name"] == "白银市"
    buyer = need.created_by
    payload = {"title": "风电叶片回收", "description": "退役叶片热解回收玻纤",
               "field": "environment", "modes": ["co_development"], "budget_max": "2000000",
               "region_code": "620900"}
    response = client.post("/api/v1/needs/", json=payload, headers=bearer(buyer))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["budget_display"] == "不超过 200.00 万元"


def test_review_queue_scoped_to_zone(client, db_session, publisher):
    in_zone = AchievementFactory(created_by=publisher, status="submitted", region_code="620100")
    AchievementFactory(created_by=publisher, status="submitted", region_code="620500")
    zone_admin = UserFactory(role="zone_admin", organisation=None, zone_code="620100")
    db_session.commit()
    body = client.get("/api/v1/review-queue/", headers=bearer(zone_admin)).get_json()
    assert [i["id"] for i in body["achievements"]] == [in_zone.id]
    assert_error(client.get("/api/v1/review-queue/", headers=bearer(publisher, ["catalog:read"])),
                 403, "forbidden")


def test_openapi_document_and_vocabularies(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/achievements/{item_id}/transitions" in spec["paths"]
    assert "bearerAuth" in spec["components"]["securitySchemes"]
    vocab = client.get("/api/v1/vocabularies").get_json()
    assert len(vocab["tech_fields"]) == 11


def test_unknown_api_route_uses_error_shape(client):
    assert_error(client.get("/api/v1/nope"), 404, "not_found")
    assert_error(client.put("/api/v1/achievements/"), 405, "method_not_allowed")
