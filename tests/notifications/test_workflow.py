"""Workflow events notify the people they concern, in the same transaction, in the app
and by email, as each person's preferences allow."""

import pytest
from sqlalchemy import select

from matchhub.catalog import detail_access
from matchhub.catalog import services as catalog
from matchhub.contracts.events import contract_confirmed, contract_returned
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.notifications.models import EmailOutbox, Notification, NotificationPreference
from tests.cases.helpers import advance, open_case
from tests.factories import (
    AchievementFactory,
    BrokerFactory,
    ContractFactory,
    EnterpriseUserFactory,
    UserFactory,
)
from tests.web.helpers import login, text


def notes(user, kind=None) -> list[Notification]:
    stmt = select(Notification).where(Notification.user_id == user.id)
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    return list(db.session.scalars(stmt.order_by(Notification.id)))


def mails(user) -> list[EmailOutbox]:
    return list(db.session.scalars(select(EmailOutbox).where(EmailOutbox.to_addr == user.email)))


def test_submitting_tells_the_zone_reviewers_not_other_zones():
    reviewer = UserFactory(zone_admin=True, zone_code="620100")
    elsewhere = UserFactory(zone_admin=True, zone_code="620400")
    admin = UserFactory(platform_admin=True)
    item = AchievementFactory(status="draft", region_code="620100")
    catalog.transition(db.session, item.created_by, item, "submit", today())
    [note] = notes(reviewer, "listing_submitted")
    assert item.title in note.title and note.link == f"/achievements/{item.id}"
    assert len(mails(reviewer)) == 1
    assert notes(elsewhere) == [] and notes(admin) == []  # the zone has its own reviewer


def test_approval_and_return_tell_the_owner_with_the_reason():
    admin = UserFactory(platform_admin=True)
    item = AchievementFactory(status="submitted")
    catalog.transition(db.session, admin, item, "reject", today(), reason="请补充专利号")
    [note] = notes(item.created_by, "listing_reviewed")
    assert "被退回修改" in note.title and "请补充专利号" in note.body
    assert "请补充专利号" in mails(item.created_by)[0].body_text
    catalog.transition(db.session, item.created_by, item, "submit", today())
    catalog.transition(db.session, admin, item, "approve", today())
    assert "已通过审核" in notes(item.created_by, "listing_reviewed")[-1].title
    assert notes(admin, "listing_reviewed") == []  # the actor is not told of their own step


def test_a_switched_off_kind_writes_nothing_on_that_channel():
    admin = UserFactory(platform_admin=True)
    item = AchievementFactory(status="submitted")
    db.session.add(NotificationPreference(user_id=item.created_by_id, kind="listing_reviewed",
                                          in_app=True, email=False))
    catalog.transition(db.session, admin, item, "approve", today())
    assert len(notes(item.created_by)) == 1 and mails(item.created_by) == []


@pytest.mark.commits
def test_the_notification_rolls_back_with_the_step():
    admin = UserFactory(platform_admin=True)
    item = AchievementFactory(status="submitted")
    db.session.commit()
    catalog.transition(db.session, admin, item, "approve", today())
    db.session.rollback()
    assert notes(item.created_by) == [] and mails(item.created_by) == []


def test_detail_request_tells_the_owner_and_the_answer_the_requester():
    item = AchievementFactory()
    asker = EnterpriseUserFactory()
    access = detail_access.request_access(db.session, asker, item, "想了解工艺参数", today())
    [asked] = notes(item.created_by, "detail_requested")
    assert asker.display_name in asked.title and "想了解工艺参数" in asked.body
    detail_access.decide(db.session, item.created_by, item, access.id, "grant", today())
    [answer] = notes(asker, "detail_answered")
    assert "已同意" in answer.title and answer.link == f"/achievements/{item.id}"


@pytest.mark.commits
def test_case_steps_tell_the_broker_and_both_parties():
    broker = BrokerFactory()
    db.session.commit()
    case = open_case(broker)
    need_owner, offer_owner = case.need.created_by, case.achievements[0].created_by
    for person in (need_owner, offer_owner):
        assert "新对接单" in notes(person, "case")[0].title
    assert notes(broker) == []  # the broker opened it
    advance(broker, case, "contacted")
    assert "推荐 → 已联系" in notes(need_owner, "case")[-1].title
    assert notes(offer_owner, "case")[-1].link == f"/cases/{case.id}"


def test_contract_review_signals_tell_the_registrant_and_the_party_admins():
    registrant = UserFactory(platform_admin=True)
    seller_admin = UserFactory(role="org_admin")
    contract = ContractFactory(created_by=registrant, seller_org=seller_admin.organisation)
    officer = UserFactory(zone_admin=True)
    db.session.flush()
    contract_returned.send(contract, session=db.session, user=officer, reason="成交额有误")
    [note] = notes(registrant, "contract")
    assert "退回" in note.title and "成交额有误" in note.body
    contract_confirmed.send(contract, session=db.session, user=officer)
    assert "确认登记" in notes(seller_admin, "contract")[-1].title
    assert notes(officer) == []


def test_inbox_filters_by_kind_and_refuses_an_unknown_kind(client):
    admin = UserFactory(platform_admin=True)
    item = AchievementFactory(status="submitted")
    catalog.transition(db.session, admin, item, "reject", today(), reason="不完整")
    db.session.add(Notification(user_id=item.created_by_id, kind="digest", title="订阅摘要X"))
    db.session.commit()
    login(client, item.created_by)
    page = text(client.get("/notifications?kind=listing_reviewed"))
    assert item.title in page and "订阅摘要X" not in page
    response = client.get("/notifications?kind=nope")
    assert response.status_code == 400 and "kind" in response.get_data(as_text=True)


def test_settings_page_switches_kinds_per_user(client):
    user = EnterpriseUserFactory()
    db.session.commit()
    assert client.get("/notifications/settings").status_code == 302  # signed out: to login
    login(client, user)
    assert "待审核的发布" in text(client.get("/notifications/settings"))
    response = client.post("/notifications/settings", data={"case.in_app": "1"})
    assert response.status_code == 302
    rows = {r.kind: (r.in_app, r.email) for r in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id))}
    assert rows["case"] == (True, False) and rows["digest"] == (False, False)


def test_expiry_reminders_follow_the_owners_switches(app):
    from matchhub.notifications.reminders import send_expiry_reminders

    item = AchievementFactory(valid_until=today())
    db.session.add(NotificationPreference(user_id=item.created_by_id, kind="expiry_reminder",
                                          in_app=False, email=True))
    with app.test_request_context():
        assert send_expiry_reminders(db.session, today(), 7) == 1
    assert notes(item.created_by) == [] and len(mails(item.created_by)) == 1
