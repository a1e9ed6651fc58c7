"""「我的订阅」 and 「通知」 pages: creating from the search page and an own listing, and the
denials (others' subscriptions, others' listings, anonymous visitors)."""

from sqlalchemy import select

from matchhub.core.extensions import db
from matchhub.notifications import services
from matchhub.notifications.models import Notification, Subscription
from tests.factories import AchievementFactory, EnterpriseUserFactory, NeedFactory
from tests.notifications.helpers import QUERY
from tests.web.helpers import login, text


def saved(user) -> Subscription:
    sub = services.subscribe_search(db.session, user, "achievement", QUERY, {"field":
                                    "new_materials"}, None, 0.5)
    db.session.commit()
    return sub


def test_the_search_page_offers_subscribing_to_signed_in_users(client):
    user = EnterpriseUserFactory()
    db.session.commit()
    assert "订阅此搜索" not in text(client.get("/search", query_string={"q": QUERY}))
    login(client, user)
    page = text(client.get("/search", query_string={"q": QUERY, "field": "new_materials"}))
    assert "订阅此搜索" in page and 'name="field" value="new_materials"' in page
    client.post("/subscriptions/search", data={"type": "achievement", "q": QUERY,
                                               "field": "new_materials"})
    sub = db.session.scalars(select(Subscription)).one()
    assert (sub.kind, sub.query_text, sub.filters) == ("saved_search", QUERY,
                                                       {"field": "new_materials"})
    assert sub.threshold == 0.5
    listing = text(client.get("/subscriptions"))
    assert "成果搜索：锂离子电池 正极材料" in listing and "订阅中" in listing
    again = client.post("/subscriptions/search", data={"type": "achievement", "q": QUERY,
                                                       "field": "new_materials"})
    assert again.status_code == 302
    assert "已经订阅过了" in text(client.get("/subscriptions"))


def test_bad_search_subscriptions_are_refused_naming_the_field(client):
    login(client, EnterpriseUserFactory())
    for data, field in (({"type": "organisation", "q": QUERY}, "type"),
                        ({"type": "achievement", "q": ""}, "q"),
                        ({"type": "achievement", "q": QUERY, "region": "999999"}, "region"),
                        ({"type": "achievement", "q": QUERY, "threshold": "2"}, "threshold")):
        response = client.post("/subscriptions/search", data=data)
        assert response.status_code == 422, data
        assert field in text(response)
    assert db.session.scalars(select(Subscription)).all() == []


def test_an_owner_subscribes_their_need_from_its_page(client):
    need = NeedFactory()
    db.session.commit()
    login(client, need.created_by)
    assert "订阅匹配推送" in text(client.get(f"/needs/{need.id}"))
    assert client.post(f"/needs/{need.id}/subscribe").status_code == 302
    sub = db.session.scalars(select(Subscription)).one()
    assert (sub.kind, sub.item_type, sub.item_id) == ("own_item", "need", need.id)


def test_others_cannot_subscribe_to_a_listing_or_see_its_button(client):
    published = AchievementFactory()
    draft = AchievementFactory(status="draft")
    db.session.commit()
    login(client, EnterpriseUserFactory())
    assert "订阅匹配推送" not in text(client.get(f"/achievements/{published.id}"))
    assert client.post(f"/achievements/{published.id}/subscribe").status_code == 403
    assert client.post(f"/achievements/{draft.id}/subscribe").status_code == 404
    assert db.session.scalars(select(Subscription)).all() == []


def test_others_cannot_see_or_delete_a_subscription(client):
    owner, other = EnterpriseUserFactory(), EnterpriseUserFactory()
    sub = saved(owner)
    login(client, other)
    assert sub.name not in text(client.get("/subscriptions"))
    assert client.post(f"/subscriptions/{sub.id}/delete").status_code == 404
    assert db.session.get(Subscription, sub.id) is not None


def test_the_owner_deletes_a_subscription(client):
    owner = EnterpriseUserFactory()
    sub = saved(owner)
    login(client, owner)
    assert client.post(f"/subscriptions/{sub.id}/delete").status_code == 302
    assert db.session.get(Subscription, sub.id) is None


def test_notifications_are_private_and_marked_read_when_opened(client):
    owner, other = EnterpriseUserFactory(), EnterpriseUserFactory()
    db.session.commit()
    note = Notification(user_id=owner.id, kind="digest", title="新匹配", body="",
                        link="/achievements/1")
    db.session.add(note)
    db.session.commit()
    login(client, other)
    assert "新匹配" not in text(client.get("/notifications"))
    assert client.post(f"/notifications/{note.id}/read").status_code == 404
    client.post("/logout")
    login(client, owner)
    response = client.post(f"/notifications/{note.id}/read")
    assert response.status_code == 302 and response.location == "/achievements/1"
    db.session.refresh(note)
    assert note.read_at is not None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in ("/subscriptions", "/notifications"):
        assert client.get(url).status_code == 302
    assert client.post("/subscriptions/search", data={"type": "achievement",
                                                      "q": QUERY}).status_code == 302
