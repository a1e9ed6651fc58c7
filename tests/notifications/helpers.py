"""Subscribers, listings and the notify run for the notification tests."""

import datetime as dt

import pytest

from matchhub.catalog import services as catalog
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.notifications.digest import build_digests
from matchhub.notifications.matcher import collect_matches
from matchhub.notifications.models import NotificationPreference
from matchhub.notifications.preferences import wanted
from matchhub.search import get_search_backend
from tests.factories import AchievementFactory, UserFactory

QUERY = "锂离子电池 正极材料"


def submitted_achievement(**values):
    """A submitted achievement whose owner switched off review-result notifications
    (these tests count digests only; tests/notifications/test_workflow.py covers those)."""
    base = {"title": "锂离子电池正极材料低成本制备", "keywords": ["锂离子电池", "正极材料"],
            "status": "submitted"}
    item = AchievementFactory(**{**base, **values})
    db.session.flush()
    if wanted(db.session, item.created_by_id, "listing_reviewed") != (False, False):
        db.session.add(NotificationPreference(user_id=item.created_by_id,
                                              kind="listing_reviewed", in_app=False,
                                              email=False))
    return item


def publish(item, reviewer=None):
    """Approve a submitted item through the workflow and commit (indexing runs)."""
    reviewer = reviewer or UserFactory(platform_admin=True)
    catalog.transition(db.session, reviewer, item, "approve", today())
    db.session.commit()
    return item


def collect_and_digest(on: dt.date) -> int:
    """The matcher and the digest builder for a given day (what ``notify run`` does)."""
    from flask import current_app

    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        collect_matches(db.session, get_search_backend(), on, dt.datetime.now(dt.UTC))
        built = build_digests(db.session, on, current_app.config["NOTIFY_DIGEST_ITEMS"])
    db.session.commit()
    return built


@pytest.fixture
def smtp_sink(app, monkeypatch):
    from tests.notifications.smtp_sink import SmtpSink

    sink = SmtpSink().start()
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", sink.port)
    yield sink
    sink.stop()
