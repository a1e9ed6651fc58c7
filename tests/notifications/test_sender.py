"""The outbox sender: delivery to a local SMTP sink, retries with a growing wait, the
failed state, and no sending without SMTP_HOST."""

import datetime as dt

from flask import current_app
from sqlalchemy import select

from matchhub.core.extensions import db
from matchhub.notifications.models import EmailOutbox
from matchhub.notifications.sender import get_mail_sender, send_pending
from matchhub.notifications.settings import smtp_settings
from tests.notifications.smtp_sink import free_port

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def naive(value: dt.datetime) -> dt.datetime:
    """SQLite hands back UTC datetimes without their zone; PostgreSQL keeps it."""
    return value.replace(tzinfo=None)


def queue(n: int = 1) -> list[EmailOutbox]:
    rows = [EmailOutbox(to_addr=f"r{i}@example.org", subject="主题", body_text="正文：你好")
            for i in range(n)]
    db.session.add_all(rows)
    db.session.commit()
    return rows


def send(now=NOW):
    settings = smtp_settings(current_app.config)
    return send_pending(db.session, get_mail_sender(settings), settings, now)


def test_pending_emails_are_delivered(smtp_sink):
    rows = queue(2)
    report = send()
    assert (report.sent, report.retrying, report.failed) == (2, 0, 0)
    assert [m["To"] for m in smtp_sink.messages] == ["r0@example.org", "r1@example.org"]
    assert smtp_sink.messages[0].get_content().strip() == "正文：你好"
    assert all(r.state == "sent" and naive(r.sent_at) == naive(NOW) for r in rows)
    assert send().sent == 0  # nothing is sent twice


def test_an_unreachable_server_is_retried_then_given_up(app, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nothing listens there
    monkeypatch.setitem(app.config, "SMTP_MAX_ATTEMPTS", 2)
    [row] = queue()
    assert send().retrying == 1
    assert (row.state, row.attempts) == ("pending", 1)
    assert naive(row.next_attempt_at) == naive(NOW + dt.timedelta(minutes=2))
    assert "ConnectionRefused" in row.last_error or "Errno" in row.last_error
    assert send().retrying == 0  # not due yet
    assert send(NOW + dt.timedelta(minutes=3)).failed == 1
    assert (row.state, row.attempts) == ("failed", 2)


def test_no_smtp_host_keeps_emails_pending(runner):
    queue()
    result = runner.invoke(args=["notify", "send"])
    assert "SMTP_HOST is not set" in result.output
    assert db.session.scalars(select(EmailOutbox)).one().state == "pending"
