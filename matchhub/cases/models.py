"""Match cases (对接单): a need, the achievements offered for it, the brokers on it, the
history of its states and the parties' ratings once it is closed."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchhub.accounts.models import User
from matchhub.catalog.models import Achievement, Need
from matchhub.core.db_types import Code, Created, IntPK, Money, utcnow
from matchhub.core.extensions import db


class MatchCase(db.Model):
    """One deal being carried by brokers. ``version`` guards against lost updates: a write
    based on an older version fails (SQLAlchemy's version counter)."""

    __tablename__ = "match_cases"
    __table_args__ = (Index("ix_match_cases_status_due", "status", "due_on"),)

    id: Mapped[IntPK]
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id"), index=True)
    status: Mapped[Code] = mapped_column(default="recommended")
    next_action: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[dt.date | None]
    agreed_amount: Mapped[Money | None]  # 元, the amount agreed in negotiation
    close_reason: Mapped[str] = mapped_column(Text, default="")
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[Created]
    signed_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    need: Mapped[Need] = relationship()
    opened_by: Mapped[User | None] = relationship()
    achievement_links: Mapped[list["CaseAchievement"]] = relationship(
        order_by="CaseAchievement.position", cascade="all, delete-orphan", lazy="selectin")
    broker_links: Mapped[list["CaseBroker"]] = relationship(
        order_by="CaseBroker.id", cascade="all, delete-orphan", lazy="selectin")
    events: Mapped[list["CaseEvent"]] = relationship(order_by="CaseEvent.id", viewonly=True)

    __mapper_args__ = {"version_id_col": version}

    @property
    def achievements(self) -> list[Achievement]:
        return [link.achievement for link in self.achievement_links]

    @property
    def brokers(self) -> list[User]:
        return [link.broker for link in self.broker_links]

    def __repr__(self) -> str:
        return f"<MatchCase {self.id} {self.status} v{self.version}>"


class CaseAchievement(db.Model):
    __tablename__ = "case_achievements"

    case_id: Mapped[int] = mapped_column(ForeignKey("match_cases.id", ondelete="CASCADE"),
                                         primary_key=True)
    achievement_id: Mapped[int] = mapped_column(ForeignKey("achievements.id"), primary_key=True,
                                                index=True)
    position: Mapped[int] = mapped_column(default=0)

    achievement: Mapped[Achievement] = relationship(lazy="joined")


class CaseBroker(db.Model):
    """A broker on a case; ``assigned_by`` is who put them there (themselves, routing, an
    institution administrator)."""

    __tablename__ = "case_brokers"
    __table_args__ = (UniqueConstraint("case_id", "broker_id"),)

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("match_cases.id", ondelete="CASCADE"),
                                         index=True)
    broker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    how: Mapped[Code] = mapped_column(default="self")  # self | auto | manual
    created_at: Mapped[Created]

    broker: Mapped[User] = relationship(foreign_keys=[broker_id], lazy="joined")


class CaseEvent(db.Model):
    """Who changed what on a case, when, with their note."""

    __tablename__ = "case_events"

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("match_cases.id", ondelete="CASCADE"),
                                         index=True)
    kind: Mapped[Code]  # open | transition | plan | assign | achievement | contract
    from_status: Mapped[str] = mapped_column(String(32), default="")
    to_status: Mapped[str] = mapped_column(String(32), default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()


class CaseRating(db.Model):
    """A party's rating (1-5) of the brokers' work on a closed case; one per person."""

    __tablename__ = "case_ratings"
    __table_args__ = (UniqueConstraint("case_id", "rater_id"),
                      CheckConstraint("score BETWEEN 1 AND 5", name="score_range"))

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("match_cases.id", ondelete="CASCADE"),
                                         index=True)
    rater_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[Created]

    rater: Mapped[User] = relationship()
