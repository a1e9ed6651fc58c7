"""What zones enter and the province decides: reported values, policy assessments, featured
indicators, targets, and each zone's programme (status and construction period)."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchhub.accounts.models import User
from matchhub.db_types import Code, Created, IntPK, ShortText, utcnow
from matchhub.extensions import db

Quantity = Numeric(20, 4)  # counts, percentages, people, and 元 amounts alike; exact


class ZoneProgramme(db.Model):
    """A zone's construction programme: status (申报/建设中/评估中/已验收) and period."""

    __tablename__ = "zone_programmes"

    id: Mapped[IntPK]
    zone_code: Mapped[str] = mapped_column(String(6), unique=True)
    status: Mapped[Code] = mapped_column(default="applying")
    start_year: Mapped[int | None]
    end_year: Mapped[int | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReportedValue(db.Model):
    """A value the zone reports for a year, with its source and evidence (the latest wins;
    earlier entries stay as history)."""

    __tablename__ = "zone_reported_values"

    id: Mapped[IntPK]
    zone_code: Mapped[str] = mapped_column(String(6), index=True)
    year: Mapped[int]
    code: Mapped[Code]  # an indicator code or an input code (population, ...)
    value: Mapped[Decimal] = mapped_column(Quantity)
    source_note: Mapped[str] = mapped_column(Text)
    evidence_name: Mapped[str] = mapped_column(String(200), default="")
    evidence_path: Mapped[str] = mapped_column(String(300), default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[Created]

    entered_by: Mapped[User | None] = relationship()


class PolicyAssessment(db.Model):
    """A qualitative (政策环境) indicator: the zone's text and the province reviewer's score."""

    __tablename__ = "zone_policy_assessments"
    __table_args__ = (UniqueConstraint("zone_code", "year", "code"),)

    id: Mapped[IntPK]
    zone_code: Mapped[str] = mapped_column(String(6))
    year: Mapped[int]
    code: Mapped[Code]
    text: Mapped[str] = mapped_column(Text, default="")
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[dt.datetime | None]
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    scored_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    scored_at: Mapped[dt.datetime | None]


class FeaturedIndicator(db.Model):
    """特色指标: a zone's own indicator for a year (name, unit, target, value)."""

    __tablename__ = "zone_featured_indicators"
    __table_args__ = (UniqueConstraint("zone_code", "year", "name"),)

    id: Mapped[IntPK]
    zone_code: Mapped[str] = mapped_column(String(6))
    year: Mapped[int]
    name: Mapped[ShortText]
    unit: Mapped[str] = mapped_column(String(20))
    target: Mapped[Decimal | None] = mapped_column(Quantity)
    value: Mapped[Decimal | None] = mapped_column(Quantity)
    source_note: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[Created]


class Target(db.Model):
    """A target for a zone, or for the province (scope = the province code), in a year."""

    __tablename__ = "zone_targets"
    __table_args__ = (UniqueConstraint("scope_code", "year", "key"),)

    id: Mapped[IntPK]
    scope_code: Mapped[str] = mapped_column(String(6))
    year: Mapped[int]
    key: Mapped[str] = mapped_column(String(64))  # a report key, e.g. contract_volume_output
    value: Mapped[Decimal] = mapped_column(Quantity)
    note: Mapped[str] = mapped_column(Text, default="")
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[Created]
