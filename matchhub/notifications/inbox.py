"""A user's in-app notifications: the list, the unread count and marking them read."""

import datetime as dt

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.notifications.models import Notification


def inbox_query(user: User, unread_only: bool = False, kind: str = "") -> Select:
    stmt = select(Notification).where(Notification.user_id == user.id)
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    return stmt.order_by(Notification.created_at.desc(), Notification.id.desc())


def unread_count(session: Session, user: User) -> int:
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def find_own(session: Session, user: User | None, notification_id: int) -> Notification | None:
    """The user's notification; None for anyone else's."""
    found = session.get(Notification, notification_id)
    if found is None or user is None or found.user_id != user.id:
        return None
    return found


def mark_read(session: Session, notification: Notification, now: dt.datetime) -> Notification:
    if notification.read_at is None:
        notification.read_at = now
        session.flush()
    return notification


def mark_all_read(session: Session, user: User, now: dt.datetime) -> int:
    result = session.execute(
        update(Notification).where(Notification.user_id == user.id,
                                   Notification.read_at.is_(None))
        .values(read_at=now).execution_options(synchronize_session=False))
    return result.rowcount
