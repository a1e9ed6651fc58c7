"""The notifications' daily work, for the ``notify run`` command and the scheduler:
matches of new publications, expiry reminders, digests and, each December, the
yearly-report reminder to the zone administrators."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.core.db_types import utcnow
from matchhub.notifications.deliver import Message, notify, path_for
from matchhub.notifications.digest import build_digests
from matchhub.notifications.matcher import collect_matches
from matchhub.notifications.models import Notification
from matchhub.notifications.reminders import send_expiry_reminders
from matchhub.notifications.sender import get_mail_sender, send_pending
from matchhub.notifications.settings import smtp_settings
from matchhub.search import get_search_backend

REPORT_MONTH = 12


def run_daily(session: Session, config: Mapping[str, Any], on: dt.date,
              now: dt.datetime) -> str:
    """Do one day's notification work (links need a request context); a summary line."""
    matches = collect_matches(session, get_search_backend(), on, now)
    reminders = send_expiry_reminders(session, on, config["NOTIFY_REMINDER_DAYS"])
    digests = build_digests(session, on, config["NOTIFY_DIGEST_ITEMS"])
    reports = remind_yearly_reports(session, on)
    return (f"new matches {matches}, reminders {reminders}, digests {digests}, "
            f"report reminders {reports}")


def _report_title(year: int) -> str:
    return f"{year} 年度示范区报告待填报"


def _already_told(session: Session, user: User, title: str) -> bool:
    return session.scalar(select(Notification.id).where(
        Notification.user_id == user.id, Notification.kind == "report_due",
        Notification.title == title).limit(1)) is not None


def remind_yearly_reports(session: Session, on: dt.date) -> int:
    """Each December, tell every zone administrator once that the year's report is due."""
    if on.month != REPORT_MONTH:
        return 0
    title = _report_title(on.year)
    admins = session.scalars(select(User).where(
        User.role == "zone_admin", User.active).order_by(User.id))
    due = [user for user in admins if not _already_told(session, user, title)]
    message = Message("report_due", title,
                      f"请在年底前完成 {on.year} 年度的指标填报与年度报告。",
                      path_for("zone_entries.index"))
    count = notify(session, due, message)
    session.flush()
    return count


def send_outbox(session: Session, config: Mapping[str, Any]) -> str:
    """Send the due emails of the outbox (committing after each); a summary line."""
    settings = smtp_settings(config)
    sender = get_mail_sender(settings)
    if not sender.enabled:
        return "SMTP_HOST is not set: emails stay pending in the outbox"
    report = send_pending(session, sender, settings, utcnow())
    return f"emails sent {report.sent}, retrying {report.retrying}, failed {report.failed}"
