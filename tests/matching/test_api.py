"""GET /api/v1/{needs,achievements}/<id>/matches, the feedback mark and its aggregate."""

import pytest

from tests.api.helpers import assert_error, bearer
from tests.factories import BrokerFactory, OrganisationFactory, UserFactory
from tests.matching.helpers import achievement, need


@pytest.mark.commits
def test_need_matches_shape(client, db_session):
    wanted = need()
    offer = achievement(title="锂离子电池正极材料制备工艺")
    db_session.commit()
    response = client.get(f"/api/v1/needs/{wanted.id}/matches",
                          headers=bearer(wanted.created_by))
    assert response.status_code == 200, response.get_json()
    [item] = response.get_json()["items"]
    assert item["item_type"] == "achievement" and item["id"] == offer.id
    assert item["url"] == f"/achievements/{offer.id}"
    assert isinstance(item["score"], float)
    assert all(set(r) == {"code", "label", "weight"} for r in item["reasons"])
    labels = [r["label"] for r in item["reasons"]]
    assert {"领域一致", "成熟度满足（中试 ≥ 小试）", "报价在预算内", "同属兰州市"} <= set(labels)
    assert abs(item["score"] - sum(r["weight"] for r in item["reasons"])) < 1e-3
    assert "<mark>" in item["highlights"]["title"]


@pytest.mark.commits
def test_achievement_matches_for_a_broker(client, db_session):
    offer = achievement()
    wanted = need()
    db_session.commit()
    response = client.get(f"/api/v1/achievements/{offer.id}/matches?limit=5",
                          headers=bearer(BrokerFactory()))
    assert [i["id"] for i in response.get_json()["items"]] == [wanted.id]


def test_matches_need_a_token_and_a_right_to_see_them(client, db_session):
    wanted = need()
    draft = need(status="draft")
    other = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    db_session.commit()
    url = f"/api/v1/needs/{wanted.id}/matches"
    assert_error(client.get(url), 401, "unauthorized")
    assert_error(client.get(url, headers=bearer(other)), 403, "forbidden")
    assert_error(client.get(url, headers=bearer(UserFactory(role="zone_admin",
                                                             zone_code="620100"))),
                 403, "forbidden")
    assert_error(client.get(url, headers=bearer(BrokerFactory(), ["catalog:write"])), 403,
                 "forbidden")
    assert_error(client.get(f"/api/v1/needs/{draft.id}/matches", headers=bearer(BrokerFactory())),
                 404, "not_found")
    admin = UserFactory(platform_admin=True)
    assert_error(client.get("/api/v1/needs/999999/matches", headers=bearer(admin)),
                 404, "not_found")
    assert client.get(f"/api/v1/needs/{draft.id}/matches",
                      headers=bearer(draft.created_by)).status_code == 200


def test_bad_limit_names_the_parameter(client, db_session):
    wanted = need()
    db_session.commit()
    error = assert_error(client.get(f"/api/v1/needs/{wanted.id}/matches?limit=500",
                                    headers=bearer(wanted.created_by)), 422, "validation_failed")
    assert "limit" in error["fields"]


@pytest.mark.commits
def test_feedback_excludes_the_pair_and_reaches_the_owner_in_aggregate(client, db_session):
    wanted = need()
    offer, other = achievement(), achievement()
    db_session.commit()
    owner = bearer(wanted.created_by)
    url = f"/api/v1/needs/{wanted.id}/matches/{offer.id}/feedback"
    response = client.post(url, json={"reason": "price", "note": "超出预算"}, headers=owner)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["reason"] == "price"
    ids = [i["id"] for i in client.get(f"/api/v1/needs/{wanted.id}/matches",
                                       headers=owner).get_json()["items"]]
    assert ids == [other.id]
    assert_error(client.post(url, json={"reason": "price"}, headers=owner), 409, "conflict")
    summary = client.get(f"/api/v1/achievements/{offer.id}/match-feedback",
                         headers=bearer(offer.created_by))
    assert summary.get_json() == {"total": 1, "reasons": [
        {"code": "price", "label": "价格不合适", "count": 1}]}
    assert_error(client.get(f"/api/v1/achievements/{offer.id}/match-feedback", headers=owner),
                 403, "forbidden")
    assert_error(client.get(f"/api/v1/achievements/{offer.id}/match-feedback"), 401,
                 "unauthorized")


def test_feedback_input_is_checked(client, db_session):
    wanted = need()
    offer = achievement()
    draft = achievement(status="draft")
    db_session.commit()
    owner = bearer(wanted.created_by)
    url = f"/api/v1/needs/{wanted.id}/matches/{offer.id}/feedback"
    error = assert_error(client.post(url, json={"reason": "boring"}, headers=owner), 422,
                         "validation_failed")
    assert "reason" in error["fields"]
    error = assert_error(client.post(url, json={"reason": "other", "note": "长" * 201},
                                     headers=owner), 422, "validation_failed")
    assert "note" in error["fields"]
    assert_error(client.post(f"/api/v1/needs/{wanted.id}/matches/{draft.id}/feedback",
                             json={"reason": "other"}, headers=owner), 404, "not_found")
    stranger = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    assert_error(client.post(url, json={"reason": "other"}, headers=bearer(stranger)), 403,
                 "forbidden")
