"""What zones enter and the province decides: reported values, policy assessments, featured
indicators, targets, and each zone's programme (status and construction period)."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchhub.accounts.models import User
from matchhub.core.db_types import Code, Created, IntPK, ShortText, utcnow
from matchhub.core.extensions import db

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
    # The province's review: submitted (waiting), accepted, or returned with a reason.
    review_status: Mapped[Code] = mapped_column(default="submitted")
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[dt.datetime | None]

    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])


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
    # A target the zone sets counts once the province approves it (proposed/approved).
    target_status: Mapped[Code] = mapped_column(default="proposed")
    target_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    target_approved_at: Mapped[dt.datetime | None]
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


class ZonePlan(db.Model):
    """A zone's construction plan (建设方案): its period, end-of-period target, document,
    and the province's review (draft → submitted → approved / returned)."""

    __tablename__ = "zone_plans"

    id: Mapped[IntPK]
    zone_code: Mapped[str] = mapped_column(String(6), unique=True)
    title: Mapped[ShortText]
    start_year: Mapped[int]
    end_year: Mapped[int]
    target_volume: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))  # 元, end year
    document_name: Mapped[str] = mapped_column(String(200), default="")
    document_path: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[Code] = mapped_column(default="draft")
    review_note: Mapped[str] = mapped_column(Text, default="")
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[dt.datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[dt.datetime | None]
    created_at: Mapped[Created]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ZoneYearReport(db.Model):
    """A zone's yearly construction report (年度建设情况报告, due each December), with
    the indicator values it was submitted with."""

    __tablename__ = "zone_year_reports"
    __table_args__ = (UniqueConstraint("zone_code", "year"),)

    id: Mapped[IntPK]
    zone_code: Mapped[str] = mapped_column(String(6))
    year: Mapped[int]
    document_name: Mapped[str] = mapped_column(String(200))
    document_path: Mapped[str] = mapped_column(String(300))
    generated: Mapped[bool] = mapped_column(default=False)  # the platform's DOCX, not an upload
    note: Mapped[str] = mapped_column(Text, default="")
    indicators: Mapped[dict]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[Created]


class ZoneAssessment(db.Model):
    """The province's final assessment (总结评估) of a zone's construction period, with the
    indicator history it was based on."""

    __tablename__ = "zone_assessments"

    id: Mapped[IntPK]
    zone_code: Mapped[str] = mapped_column(String(6), index=True)
    start_year: Mapped[int]
    end_year: Mapped[int]
    conclusion: Mapped[Code]
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    note: Mapped[str] = mapped_column(Text, default="")
    history: Mapped[dict]  # year -> report key -> {value, unit, target, progress}
    assessed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assessed_at: Mapped[Created]


class OfficialFigure(db.Model):
    """A zone's (or the province's) published 技术合同成交额 and count for one period
    (the year, a half-year H1/H2 or a quarter Q1-Q4) and caliber (输出/吸纳), as an
    officer or the province entered it, with its source and evidence. The newest entry
    of a scope, year, period and caliber counts; earlier ones stay as history."""

    __tablename__ = "zone_official_figures"
    __table_args__ = (Index("ix_zone_official_figures_scope", "scope_code", "year"),)

    id: Mapped[IntPK]
    scope_code: Mapped[str] = mapped_column(String(6))
    year: Mapped[int]
    period: Mapped[str] = mapped_column(String(2))  # Y, H1, H2, Q1..Q4
    caliber: Mapped[Code]  # output | absorbed
    volume: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))  # 元
    contract_count: Mapped[int | None]
    published_on: Mapped[dt.date | None]
    source_note: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str] = mapped_column(String(500), default="")
    evidence_name: Mapped[str] = mapped_column(String(200), default="")
    evidence_path: Mapped[str] = mapped_column(String(300), default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[Created]

    entered_by: Mapped[User | None] = relationship()


class ZoneReportSection(db.Model):
    """One narrative section of a zone's yearly report (年度建设情况报告), written in the
    app and saved as a draft until the report is submitted."""

    __tablename__ = "zone_report_sections"
    __table_args__ = (UniqueConstraint("zone_code", "year", "section"),)

    id: Mapped[IntPK]
    zone_code: Mapped[str] = mapped_column(String(6))
    year: Mapped[int]
    section: Mapped[Code]
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
