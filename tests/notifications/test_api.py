"""/api/v1/subscriptions and /api/v1/notifications: CRUD, validation naming the field, and
the denials (scope, other users' rows, other organisations' listings)."""

from matchhub.core.extensions import db
from matchhub.notifications.models import Notification
from tests.api.helpers import assert_error, bearer
from tests.factories import AchievementFactory, EnterpriseUserFactory, NeedFactory
from tests.notifications.helpers import QUERY

SCOPES = ["notifications"]


def test_subscription_crud(client):
    headers = bearer(EnterpriseUserFactory(), SCOPES)
    body = {"kind": "saved_search", "type": "achievement", "q": QUERY,
            "filters": {"field": "new_materials"}, "threshold": 0.6}
    created = client.post("/api/v1/subscriptions", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    sub = created.get_json()
    assert (sub["kind"], sub["query_text"], sub["threshold"]) == ("saved_search", QUERY, 0.6)
    assert sub["filters"] == {"field": "new_materials"} and sub["active"] is True
    listed = client.get("/api/v1/subscriptions", headers=headers).get_json()
    assert [s["id"] for s in listed["items"]] == [sub["id"]] and listed["total"] == 1
    url = f"/api/v1/subscriptions/{sub['id']}"
    changed = client.patch(url, json={"threshold": 0.9, "active": False}, headers=headers)
    assert changed.get_json()["threshold"] == 0.9 and changed.get_json()["active"] is False
    assert client.delete(url, headers=headers).status_code == 204
    assert_error(client.get(url, headers=headers), 404, "not_found")


def test_own_item_subscription(client):
    need = NeedFactory()
    headers = bearer(need.created_by, SCOPES)
    response = client.post("/api/v1/subscriptions", headers=headers,
                           json={"kind": "own_item", "item_type": "need", "item_id": need.id})
    assert response.status_code == 201
    assert response.get_json()["item_id"] == need.id
    again = client.post("/api/v1/subscriptions", headers=headers,
                        json={"kind": "own_item", "item_type": "need", "item_id": need.id})
    assert_error(again, 409, "conflict")


def test_invalid_input_names_the_field(client):
    headers = bearer(EnterpriseUserFactory(), SCOPES)
    cases = [({"kind": "everything"}, "kind"),
             ({"kind": "saved_search", "q": QUERY}, "type"),
             ({"kind": "saved_search", "type": "achievement", "q": QUERY,
               "threshold": 1.5}, "threshold"),
             ({"kind": "saved_search", "type": "achievement", "q": QUERY,
               "filters": {"colour": "red"}}, "filters.colour"),
             ({"kind": "saved_search", "type": "achievement", "q": QUERY,
               "filters": {"field": "alchemy"}}, "field"),
             ({"kind": "saved_search", "type": "achievement", "q": ""}, "q"),
             ({"kind": "own_item", "item_type": "need"}, "item_id")]
    for body, field in cases:
        error = assert_error(client.post("/api/v1/subscriptions", json=body, headers=headers),
                             422, "validation_failed")
        assert field in error["fields"], (body, error)


def test_denials(client):
    owner, other = EnterpriseUserFactory(), EnterpriseUserFactory()
    mine = bearer(owner, SCOPES)
    theirs = bearer(other, SCOPES)
    sub = client.post("/api/v1/subscriptions", headers=mine, json={
        "kind": "saved_search", "type": "need", "q": QUERY}).get_json()
    url = f"/api/v1/subscriptions/{sub['id']}"
    assert_error(client.get(url, headers=theirs), 404, "not_found")
    assert_error(client.patch(url, json={"active": False}, headers=theirs), 404, "not_found")
    assert_error(client.delete(url, headers=theirs), 404, "not_found")
    assert client.get("/api/v1/subscriptions", headers=theirs).get_json()["total"] == 0
    # Another organisation's listings: a draft does not exist for them, a published one
    # is not theirs to follow.
    draft = AchievementFactory(status="draft")
    published = AchievementFactory()
    db.session.commit()
    for item, status, code in ((draft, 404, "not_found"), (published, 403, "forbidden")):
        response = client.post("/api/v1/subscriptions", headers=theirs, json={
            "kind": "own_item", "item_type": "achievement", "item_id": item.id})
        assert_error(response, status, code)
    # No token, or a token without the scope.
    assert_error(client.get("/api/v1/subscriptions"), 401, "unauthorized")
    reader = bearer(owner, ["catalog:read"])
    assert_error(client.get("/api/v1/notifications", headers=reader), 403, "forbidden")


def test_notifications_list_and_mark_read(client):
    owner, other = EnterpriseUserFactory(), EnterpriseUserFactory()
    db.session.commit()
    notes = [Notification(user_id=owner.id, kind="digest", title=f"新匹配{n}") for n in (1, 2)]
    db.session.add_all([*notes, Notification(user_id=other.id, kind="digest", title="别人的")])
    db.session.commit()
    mine = bearer(owner, SCOPES)
    listed = client.get("/api/v1/notifications", headers=mine).get_json()
    assert sorted(n["title"] for n in listed["items"]) == ["新匹配1", "新匹配2"]
    read = client.post(f"/api/v1/notifications/{notes[0].id}/read", headers=mine)
    assert read.get_json()["read_at"] is not None
    unread = client.get("/api/v1/notifications?unread=true", headers=mine).get_json()
    assert [n["title"] for n in unread["items"]] == ["新匹配2"]
    theirs = bearer(other, SCOPES)
    assert_error(client.post(f"/api/v1/notifications/{notes[1].id}/read", headers=theirs),
                 404, "not_found")
    done = client.post("/api/v1/notifications/read-all", headers=mine)
    assert done.get_json() == {"updated": 1}
    assert_error(client.get("/api/v1/notifications?unread=maybe", headers=mine), 422,
                 "validation_failed")
