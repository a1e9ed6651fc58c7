"""The notification flow end to end: subscribe a search on the web, publish a matching
achievement, ``matchhub notify run``, one notification and one email in a local SMTP sink
with a working unsubscribe link; one digest a day; unsubscribing stops it."""

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.notifications import services
from matchhub.notifications.models import EmailOutbox, Notification, Subscription
from tests.factories import EnterpriseUserFactory
from tests.notifications.helpers import (
    QUERY,
    collect_and_digest,
    publish,
    submitted_achievement,
)
from tests.web.helpers import login, text

# Subscriptions match what the search index holds, fed after commit.
pytestmark = pytest.mark.commits

UNSUBSCRIBE = re.compile(r"http://127\.0\.0\.1:5000(/unsubscribe/[\w.\-]+)")


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def subscribe_on_the_web(client, user) -> Subscription:
    login(client, user)
    response = client.post("/subscriptions/search", data={"type": "achievement", "q": QUERY})
    assert response.status_code == 302
    return db.session.scalars(select(Subscription)).one()


def test_publish_notify_run_email_and_unsubscribe(client, runner, smtp_sink):
    user = EnterpriseUserFactory()
    db.session.commit()
    sub = subscribe_on_the_web(client, user)
    item = publish(submitted_achievement())

    result = runner.invoke(args=["notify", "run"])
    assert result.exit_code == 0, result.output
    assert "new matches 1, reminders 0, digests 1" in result.output
    assert "emails sent 1, retrying 0, failed 0" in result.output

    note = db.session.scalars(select(Notification)).one()
    assert note.user_id == user.id and note.kind == "digest"
    assert note.link == f"/achievements/{item.id}"
    assert item.title in note.body
    [message] = smtp_sink.messages
    assert message["To"] == user.email
    assert "有 1 项新匹配" in message["Subject"]
    body = message.get_content()
    assert item.title in body
    assert f"http://127.0.0.1:5000/achievements/{item.id}" in body
    path = UNSUBSCRIBE.search(body).group(1)
    assert message["List-Unsubscribe"] == f"<http://127.0.0.1:5000{path}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert db.session.scalars(select(EmailOutbox)).one().state == "sent"

    # The nav shows the unread count; the 通知 page lists the digest.
    page = text(client.get("/notifications"))
    assert item.title in page and "1 条未读" in page

    # A second matching publication the same day: matched, but no second digest today.
    publish(submitted_achievement(title="锂离子电池正极材料回收再生"))
    result = runner.invoke(args=["notify", "run"])
    assert "new matches 1, reminders 0, digests 0" in result.output
    assert (count(Notification), len(smtp_sink.messages)) == (1, 1)
    # Tomorrow it comes in the next digest.
    assert collect_and_digest(today() + dt.timedelta(days=1)) == 1
    assert count(Notification) == 2

    # Unsubscribe from the link, signed out: GET asks, POST (no session, no CSRF) confirms.
    client.post("/logout")
    confirm = client.get(path)
    assert confirm.status_code == 200 and "确认退订" in text(confirm)
    db.session.refresh(sub)
    assert sub.active
    assert "已退订" in text(client.post(path))
    db.session.refresh(sub)
    assert not sub.active
    publish(submitted_achievement(title="锂离子电池正极材料包覆改性"))
    assert collect_and_digest(today() + dt.timedelta(days=2)) == 0
    assert count(Notification) == 2


def test_below_threshold_items_do_not_notify(client, runner, smtp_sink):
    user = EnterpriseUserFactory()
    db.session.commit()
    subscribe_on_the_web(client, user)
    # Contains 「锂离子电池」 but not 「正极材料」: half the query's terms, threshold 0.5 met...
    publish(submitted_achievement(title="锂离子电池热管理系统", keywords=["热管理"],
                                  summary="电池包温控。"))
    sub = db.session.scalars(select(Subscription)).one()
    sub.threshold = 0.8  # ... but not 0.8.
    db.session.commit()
    other = EnterpriseUserFactory()
    services.subscribe_search(db.session, other, "achievement", QUERY, {}, 0.5, 0.5)
    db.session.commit()
    result = runner.invoke(args=["notify", "run"])
    # Only the subscription at 0.5 is notified (coverage of the item: exactly 0.5).
    assert "new matches 1, reminders 0, digests 1" in result.output
    assert db.session.scalars(select(Notification)).one().user_id == other.id
    assert [m["To"] for m in smtp_sink.messages] == [other.email]


def test_unrelated_items_and_own_items_do_not_notify(client, runner, smtp_sink):
    user = EnterpriseUserFactory()
    db.session.commit()
    subscribe_on_the_web(client, user)
    publish(submitted_achievement(title="高海拔光伏组件清洗机器人", keywords=["光伏"],
                                  summary="自动清洗。"))
    publish(submitted_achievement(created_by=user, owner_org=user.organisation))
    runner.invoke(args=["notify", "run"])
    assert count(Notification) == 0 and smtp_sink.messages == []


def test_an_unsubscribe_link_that_was_tampered_with_is_not_found(client, runner, smtp_sink):
    user = EnterpriseUserFactory()
    db.session.commit()
    subscribe_on_the_web(client, user)
    publish(submitted_achievement())
    runner.invoke(args=["notify", "run"])
    path = UNSUBSCRIBE.search(smtp_sink.messages[0].get_content()).group(1)
    assert client.get(path[:-2] + "xx").status_code == 404
    assert client.post(path[:-2] + "xx").status_code == 404


def test_unsubscribe_post_needs_no_csrf_token(app, client, runner, smtp_sink, monkeypatch):
    user = EnterpriseUserFactory()
    db.session.commit()
    subscribe_on_the_web(client, user)
    publish(submitted_achievement())
    runner.invoke(args=["notify", "run"])
    path = UNSUBSCRIBE.search(smtp_sink.messages[0].get_content()).group(1)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post(path).status_code == 200
    assert not db.session.scalars(select(Subscription)).one().active


def test_items_outside_the_matched_set_do_not_notify(client, runner, smtp_sink):
    """A saved search reports what the search page counts as matches: an item far below
    the best one (the relative cut) is not reported, whatever the threshold."""
    user = EnterpriseUserFactory()
    db.session.commit()
    sub = subscribe_on_the_web(client, user)
    sub.threshold = 0.1
    db.session.commit()
    strong = publish(submitted_achievement())
    publish(submitted_achievement(
        title="戈壁光伏电站运维管理平台", keywords=["光伏", "运维"],
        summary="面向戈壁大型光伏电站的巡检、清洗与发电量分析平台，" * 6 + "储能侧配套电池组。"))
    runner.invoke(args=["notify", "run"])
    assert [n.user_id for n in db.session.scalars(select(Notification))] == [user.id]
    body = smtp_sink.messages[0].get_payload(decode=True) if not smtp_sink.messages[
        0].is_multipart() else smtp_sink.messages[0].get_payload(0).get_payload(decode=True)
    assert strong.title in body.decode() and "戈壁光伏电站运维管理平台" not in body.decode()
