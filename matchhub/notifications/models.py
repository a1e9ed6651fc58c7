"""Subscriptions, the matches they collect, in-app notifications, the email outbox, the
publication events the matcher reads and the expiry reminders already sent."""

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchhub.accounts.models import User
from matchhub.core.db_types import Code, Created, IntPK, ShortText
from matchhub.core.extensions import db

KINDS = ("saved_search", "own_item")


class Subscription(db.Model):
    """A saved search (``query_text`` + ``filters`` over ``item_type``) or the user's own
    need or achievement (``item_type`` + ``item_id``: new items of the opposite kind that
    match it). ``unsubscribe_nonce`` goes into the signed unsubscribe link."""

    __tablename__ = "subscriptions"

    id: Mapped[IntPK]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[Code]
    name: Mapped[ShortText]
    item_type: Mapped[Code]
    query_text: Mapped[str] = mapped_column(String(200), default="")
    filters: Mapped[dict] = mapped_column(default=dict)
    item_id: Mapped[int | None]
    threshold: Mapped[float]
    active: Mapped[bool] = mapped_column(default=True, index=True)
    unsubscribe_nonce: Mapped[str] = mapped_column(String(32))
    last_digest_on: Mapped[dt.date | None]
    created_at: Mapped[Created]

    user: Mapped[User] = relationship()


class SubscriptionMatch(db.Model):
    """A published item that matched a subscription; ``notified_on`` is set by the digest
    that reported it (or ``skipped`` when it was no longer public by then)."""

    __tablename__ = "subscription_matches"
    __table_args__ = (UniqueConstraint("subscription_id", "item_type", "item_id"),)

    id: Mapped[IntPK]
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"))
    item_type: Mapped[Code]
    item_id: Mapped[int]
    score: Mapped[float]
    created_at: Mapped[Created]
    notified_on: Mapped[dt.date | None]
    skipped: Mapped[bool] = mapped_column(default=False)


class Notification(db.Model):
    """One in-app notification (通知)."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[IntPK]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[Code]  # one of kinds.KINDS
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="SET NULL"))
    title: Mapped[ShortText]
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[Created]
    read_at: Mapped[dt.datetime | None]


class EmailOutbox(db.Model):
    """An email waiting to be sent (pending), sent, or given up on (failed)."""

    __tablename__ = "email_outbox"
    __table_args__ = (Index("ix_email_outbox_state", "state", "next_attempt_at"),)

    id: Mapped[IntPK]
    to_addr: Mapped[str] = mapped_column(String(254))
    subject: Mapped[ShortText]
    body_text: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict] = mapped_column(default=dict)
    state: Mapped[Code] = mapped_column(default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[Created]
    next_attempt_at: Mapped[dt.datetime | None]
    sent_at: Mapped[dt.datetime | None]


class PublishEvent(db.Model):
    """An item was approved (published): written in the same transaction as the workflow
    step, read once by the matcher (a transactional outbox, so no publication is missed)."""

    __tablename__ = "publish_events"

    id: Mapped[IntPK]
    item_type: Mapped[Code]
    item_id: Mapped[int]
    created_at: Mapped[Created]
    processed_at: Mapped[dt.datetime | None] = mapped_column(index=True)


class ExpiryReminder(db.Model):
    """The reminder sent for one listing and one end date (renewing allows another)."""

    __tablename__ = "expiry_reminders"
    __table_args__ = (UniqueConstraint("item_type", "item_id", "expires_on"),)

    id: Mapped[IntPK]
    item_type: Mapped[Code]
    item_id: Mapped[int]
    expires_on: Mapped[dt.date]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[Created]


class NotificationPreference(db.Model):
    """A user's choice for one kind of notification (see ``kinds.KINDS``): in the app,
    by email, both or neither. No row means both are on."""

    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[IntPK]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[Code]
    in_app: Mapped[bool] = mapped_column(default=True)
    email: Mapped[bool] = mapped_column(default=True)
