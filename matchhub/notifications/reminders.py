"""Remind owners before a listing expires: once per listing and end date (a renewed
listing with a new end date is reminded again before that date)."""

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.catalog.models import Achievement, Need
from matchhub.catalog.services import ITEM_LABELS
from matchhub.notifications import links
from matchhub.notifications.emails import reminder_email
from matchhub.notifications.models import ExpiryReminder, Notification
from matchhub.notifications.preferences import wanted


def expiring_items(session: Session, today: dt.date, days: int) -> list[Any]:
    """Published listings whose end date lies within ``days`` days from today."""
    last = today + dt.timedelta(days=days)
    found: list[Any] = []
    for model, end in ((Achievement, Achievement.valid_until), (Need, Need.deadline)):
        found += session.scalars(select(model).where(
            model.status == "published", end >= today, end <= last).order_by(model.id))
    return found


def _already_reminded(session: Session, item: Any) -> bool:
    return session.scalar(select(ExpiryReminder.id).where(
        ExpiryReminder.item_type == item.item_type, ExpiryReminder.item_id == item.id,
        ExpiryReminder.expires_on == item.expires_on)) is not None


def remind(session: Session, item: Any, today: dt.date) -> None:
    owner = item.created_by
    days = (item.expires_on - today).days
    when = "今天" if days == 0 else f" {days} 天后（{item.expires_on.isoformat()}）"
    title = f"您的{ITEM_LABELS[item.item_type]}「{item.title}」将于{when}到期"[:200]
    session.add(ExpiryReminder(item_type=item.item_type, item_id=item.id,
                               expires_on=item.expires_on, user_id=owner.id))
    in_app, by_email = wanted(session, owner.id, "expiry_reminder")
    if in_app:
        session.add(Notification(user_id=owner.id, kind="expiry_reminder", title=title,
                                 body="到期后将不再公开展示；如需继续展示，请在详情页办理续期。",
                                 link=links.item_path(item.item_type, item.id)))
    if owner.active and by_email:
        session.add(reminder_email(owner, item, title))


def send_expiry_reminders(session: Session, today: dt.date, days: int) -> int:
    """Remind the owners of listings expiring soon that were not reminded yet; the count."""
    count = 0
    for item in expiring_items(session, today, days):
        if not _already_reminded(session, item):
            remind(session, item, today)
            count += 1
    session.flush()
    return count
