"""Owners are reminded once per listing and end date before it expires."""

import datetime as dt

from flask import current_app
from sqlalchemy import select

from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.notifications.models import EmailOutbox, ExpiryReminder, Notification
from matchhub.notifications.reminders import send_expiry_reminders
from tests.factories import AchievementFactory, NeedFactory


def remind(on: dt.date) -> int:
    with current_app.test_request_context(base_url="http://127.0.0.1:5000"):
        count = send_expiry_reminders(db.session, on, 7)
    db.session.commit()
    return count


def test_expiring_listings_are_reminded_once(db_session):
    soon = AchievementFactory(valid_until=today() + dt.timedelta(days=3))
    AchievementFactory(valid_until=today() + dt.timedelta(days=30))
    NeedFactory(status="draft", deadline=today() + dt.timedelta(days=2))
    db_session.commit()
    assert remind(today()) == 1
    assert remind(today()) == 0
    assert remind(today() + dt.timedelta(days=1)) == 0
    note = db_session.scalars(select(Notification)).one()
    assert note.user_id == soon.created_by_id and note.kind == "expiry_reminder"
    assert "将于 3 天后" in note.title and note.link == f"/achievements/{soon.id}"
    email = db_session.scalars(select(EmailOutbox)).one()
    assert email.to_addr == soon.created_by.email and "续期" in email.body_text


def test_a_renewed_listing_is_reminded_again_before_its_new_end(db_session):
    item = AchievementFactory(valid_until=today() + dt.timedelta(days=2))
    db_session.commit()
    assert remind(today()) == 1
    item.valid_until = today() + dt.timedelta(days=5)
    db_session.commit()
    assert remind(today()) == 1
    assert len(db_session.scalars(select(ExpiryReminder)).all()) == 2


def test_the_cli_reminds(runner, db_session):
    NeedFactory(deadline=today() + dt.timedelta(days=1))
    db_session.commit()
    result = runner.invoke(args=["notify", "run", "--no-send"])
    assert "reminders 1" in result.output
    result = runner.invoke(args=["notify", "run", "--no-send"])
    assert "reminders 0" in result.output
