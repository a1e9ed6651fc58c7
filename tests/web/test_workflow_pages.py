"""Workflow through the web: submit, the review queue, approve, reject, withdraw, renew."""

import datetime as dt

from sqlalchemy import select

from matchhub.catalog.models import Achievement, Transition
from matchhub.core import clock
from tests.factories import AchievementFactory, NeedFactory, UserFactory
from tests.web.helpers import field_error, login, text


def admin():
    return UserFactory(role="platform_admin", organisation=None)


def test_submit_review_approve_then_public(client, db_session):
    item = AchievementFactory(status="draft", title="待发布的成果")
    reviewer = admin()
    db_session.commit()
    login(client, item.created_by)
    response = client.post(f"/achievements/{item.id}/actions/submit")
    assert response.status_code == 302
    assert "待发布的成果" not in text(client.get("/achievements"))
    client.post("/logout")

    login(client, reviewer)
    queue = text(client.get("/review"))
    assert "待发布的成果" in queue and "审核通过" in queue
    response = client.post(f"/achievements/{item.id}/actions/approve",
                           data={"next": "/review"})
    assert response.status_code == 302 and response.headers["Location"] == "/review"
    assert "待发布的成果" not in text(client.get("/review"))
    client.post("/logout")

    assert "待发布的成果" in text(client.get("/achievements"))
    assert client.get(f"/achievements/{item.id}").status_code == 200


def test_reject_requires_a_reason(client, db_session):
    item = NeedFactory(status="submitted")
    reviewer = admin()
    db_session.commit()
    login(client, reviewer)
    response = client.post(f"/needs/{item.id}/actions/reject", data={"reason": "  "})
    assert response.status_code == 422
    assert "驳回时必须填写理由" in field_error(text(response), "reason")
    db_session.expire_all()
    assert db_session.get(type(item), item.id).status == "submitted"

    response = client.post(f"/needs/{item.id}/actions/reject", data={"reason": "预算说明不清"})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(type(item), item.id).status == "rejected"
    client.post("/logout")
    login(client, item.created_by)
    page = text(client.get(f"/needs/{item.id}"))
    assert "预算说明不清" in page and "流转记录" in page


def test_review_queue_is_for_reviewers_only(client, db_session):
    user = UserFactory()
    zone_admin = UserFactory(role="zone_admin", organisation=None, zone_code="620400")
    AchievementFactory(status="submitted", title="兰州的成果", region_code="620100")
    AchievementFactory(status="submitted", title="白银的成果", region_code="620400")
    db_session.commit()
    assert client.get("/review").status_code == 302  # to the login page
    login(client, user)
    assert client.get("/review").status_code == 403
    assert 'href="/review"' not in text(client.get("/"))
    client.post("/logout")
    login(client, zone_admin)
    queue = text(client.get("/review"))
    assert "白银的成果" in queue and "兰州的成果" not in queue
    assert 'href="/review"' in queue


def test_owner_cannot_approve_own_submission(client, db_session):
    item = AchievementFactory(status="submitted")
    db_session.commit()
    login(client, item.created_by)
    assert client.post(f"/achievements/{item.id}/actions/approve").status_code == 403
    db_session.expire_all()
    assert db_session.get(Achievement, item.id).status == "submitted"


def test_invalid_transition_is_flashed(client, db_session):
    item = AchievementFactory(status="draft")
    db_session.commit()
    login(client, item.created_by)
    response = client.post(f"/achievements/{item.id}/actions/withdraw", follow_redirects=True)
    assert response.status_code == 200
    assert "不能执行「撤回」" in text(response)


def test_withdraw_and_renew(client, db_session):
    item = AchievementFactory()
    db_session.commit()
    login(client, item.created_by)
    response = client.post(f"/achievements/{item.id}/actions/renew", data={"new_end": "昨天"})
    assert response.status_code == 422
    assert "YYYY-MM-DD" in field_error(text(response), "new_end")
    new_end = clock.today() + dt.timedelta(days=400)
    response = client.post(f"/achievements/{item.id}/actions/renew",
                           data={"new_end": new_end.isoformat()})
    assert response.status_code == 302
    client.post(f"/achievements/{item.id}/actions/withdraw")
    db_session.expire_all()
    item = db_session.get(Achievement, item.id)
    assert item.valid_until == new_end and item.status == "withdrawn"
    actions = db_session.scalars(select(Transition.action).order_by(Transition.id)).all()
    assert actions == ["renew", "withdraw"]


def test_my_page_lists_own_items_with_actions(client, db_session):
    mine = AchievementFactory(status="draft", title="我的草稿")
    AchievementFactory(title="别人的成果")
    db_session.commit()
    login(client, mine.created_by)
    page = text(client.get("/my"))
    assert "我的草稿" in page and "别人的成果" not in page
    assert f'/achievements/{mine.id}/actions/submit' in page
    assert f'/achievements/{mine.id}/delete' in page
