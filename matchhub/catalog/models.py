"""Achievements (科技成果), needs (技术需求) and their workflow records."""

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from matchhub.accounts.models import Organisation, User
from matchhub.core.db_types import Code, Created, IntPK, Money, RegionCode, ShortText, utcnow
from matchhub.core.extensions import db


class ListingMixin:
    """Columns shared by achievements and needs."""

    id: Mapped[IntPK]
    title: Mapped[ShortText]
    keywords: Mapped[list] = mapped_column(default=list)
    field: Mapped[Code] = mapped_column(index=True)
    status: Mapped[Code] = mapped_column(default="draft", index=True)
    region_code: Mapped[RegionCode] = mapped_column(index=True)
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    # Provenance shown beside third-party content (e.g. the CSL attribution); empty for own.
    source_note: Mapped[str] = mapped_column(String(300), default="")
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[Created]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[dt.datetime | None]

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        # Public lists: published items, newest first (the default order), read in index
        # order instead of sorting every published row for each page; the end date in
        # that index too, so the rows a deep page skips are judged from the index alone,
        # without reading each row (SQLite seeks a row only once it is kept); and their total
        # (published, not yet expired) counted from an index alone. End date first: with
        # status first, SQLite without statistics chose that index for the page itself
        # and sorted every published row again. Status then end date: the published items
        # already past their end, which a total read from listing_counters leaves out.
        table = cls.__tablename__
        return (Index(f"ix_{table}_status_created_end", "status", "created_at", "id",
                      cls.END_COLUMN),
                Index(f"ix_{table}_end_status", cls.END_COLUMN, "status"),
                Index(f"ix_{table}_status_end", "status", cls.END_COLUMN))

    @declared_attr
    def owner_org_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("organisations.id"), index=True)

    @declared_attr
    def created_by_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("users.id"))

    @declared_attr
    def owner_org(cls) -> Mapped[Organisation]:
        return relationship(foreign_keys=[cls.owner_org_id])

    @declared_attr
    def created_by(cls) -> Mapped[User]:
        return relationship(foreign_keys=[cls.created_by_id])

    @property
    def modes(self) -> list[str]:
        return sorted(m.mode for m in self.mode_rows)


class Achievement(ListingMixin, db.Model):
    __tablename__ = "achievements"
    item_type = "achievement"
    END_COLUMN = "valid_until"  # the listing's end date (see the mixin's indexes)

    summary: Mapped[str] = mapped_column(Text)
    confidential_detail: Mapped[str] = mapped_column(Text, default="")
    discipline: Mapped[str] = mapped_column(String(100), default="")
    trl: Mapped[int]
    asking_price: Mapped[Money | None]
    price_negotiable: Mapped[bool] = mapped_column(default=False)
    valid_until: Mapped[dt.date] = mapped_column(index=True)

    mode_rows: Mapped[list["AchievementMode"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    ip_records: Mapped[list["IPRecord"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="IPRecord.id"
    )

    @property
    def expires_on(self) -> dt.date:
        return self.valid_until


class Need(ListingMixin, db.Model):
    __tablename__ = "needs"
    item_type = "need"
    END_COLUMN = "deadline"

    description: Mapped[str] = mapped_column(Text)
    required_trl: Mapped[int | None]
    budget_min: Mapped[Money | None]
    budget_max: Mapped[Money | None]
    budget_negotiable: Mapped[bool] = mapped_column(default=False)
    deadline: Mapped[dt.date] = mapped_column(index=True)

    mode_rows: Mapped[list["NeedMode"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def expires_on(self) -> dt.date:
        return self.deadline


class AchievementMode(db.Model):
    __tablename__ = "achievement_modes"

    achievement_id: Mapped[int] = mapped_column(
        ForeignKey("achievements.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[Code] = mapped_column(primary_key=True)


class NeedMode(db.Model):
    __tablename__ = "need_modes"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[Code] = mapped_column(primary_key=True)


class IPRecord(db.Model):
    """An intellectual-property right behind an achievement."""

    __tablename__ = "ip_records"

    id: Mapped[IntPK]
    achievement_id: Mapped[int] = mapped_column(
        ForeignKey("achievements.id", ondelete="CASCADE"), index=True
    )
    ip_type: Mapped[Code]
    number: Mapped[str] = mapped_column(String(64), default="")
    title: Mapped[str] = mapped_column(String(200), default="")


class Transition(db.Model):
    """One workflow step of an achievement or need: who, when, from, to, why."""

    __tablename__ = "listing_transitions"
    __table_args__ = (Index("ix_listing_transitions_item", "item_type", "item_id"),)

    id: Mapped[IntPK]
    item_type: Mapped[Code]
    item_id: Mapped[int]
    action: Mapped[Code]
    from_status: Mapped[Code]
    to_status: Mapped[Code]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()


class DetailAccess(db.Model):
    """A user's request for, and the owner's grant of, an achievement's confidential detail."""

    __tablename__ = "detail_access"
    __table_args__ = (UniqueConstraint("achievement_id", "user_id"),)

    id: Mapped[IntPK]
    achievement_id: Mapped[int] = mapped_column(ForeignKey("achievements.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[Code] = mapped_column(default="requested")  # requested/granted/denied/revoked
    message: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[Created]
    decided_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    achievement: Mapped[Achievement] = relationship()


class ListingCounter(db.Model):
    """Per item type: published items and a version that grows with every change a public
    list shows. Kept by database triggers (catalog/counter_triggers.py), not by the ORM."""

    __tablename__ = "listing_counters"

    item_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    published: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
