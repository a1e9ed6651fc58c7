"""What zones enter (reported values with evidence, policy texts, featured indicators) and
what the province decides (policy scores, targets). Each entry keeps who and when."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.core.config_files import load_json
from matchhub.core.db_types import utcnow
from matchhub.core.errors import FieldErrors, PermissionDenied, ValidationFailed
from matchhub.core.money import parse_amount
from matchhub.core.regions import home_province, zones
from matchhub.core.text import is_blank, text_field
from matchhub.core.uploads import check_content, planned_name, write_after_flush
from matchhub.zones.access import can_enter_for, is_province_reviewer
from matchhub.zones.indicators import indicators, qualitative_max_score, reported_input_codes
from matchhub.zones.models import FeaturedIndicator, PolicyAssessment, ReportedValue, Target
from matchhub.zones.report_keys import TARGET_KEYS

if TYPE_CHECKING:
    from matchhub.accounts.models import User

EVIDENCE_TYPES = {".pdf", ".png", ".jpg", ".jpeg", ".xlsx", ".docx", ".doc", ".xls"}
MAX_EVIDENCE_BYTES = 8 * 1024 * 1024  # below the app's MAX_CONTENT_LENGTH (imports)
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass
class Evidence:
    filename: str
    data: bytes


def _require_scope(user: User | None, scope_code: str) -> None:
    if scope_code not in zones() and scope_code != home_province().code:
        raise ValidationFailed({"zone": ["未知的示范区代码"]})
    if not can_enter_for(user, scope_code):
        raise PermissionDenied("只能填报本示范区的数据")


def _year(errors: FieldErrors, year: object) -> int:
    try:
        value = int(str(year))
    except ValueError:
        value = 0
    if not MIN_YEAR <= value <= MAX_YEAR:
        errors.add("year", f"年份应在 {MIN_YEAR}-{MAX_YEAR} 之间")
    return value


def _quantity(errors: FieldErrors, key: str, raw: object, unit: str) -> Decimal | None:
    if unit == "元":
        try:
            return parse_amount(raw)
        except ValueError as exc:
            errors.add(key, str(exc))
            return None
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.0001")):
        errors.add(key, "应为非负数，最多 4 位小数")
        return None
    if unit == "%" and value > 100:
        errors.add(key, "百分比不能超过 100")
    return value


def check_evidence(evidence: Evidence) -> str:
    """The stored name the evidence will get; ValidationFailed for a bad type or size."""
    if PurePath(evidence.filename).suffix.lower() not in EVIDENCE_TYPES:
        raise ValidationFailed({"evidence": ["证明材料仅支持 PDF、图片、Word、Excel 文件"]})
    if not evidence.data or len(evidence.data) > MAX_EVIDENCE_BYTES:
        raise ValidationFailed({"evidence": ["证明材料不能为空，且不超过 8 MB"]})
    check_content(evidence.filename, evidence.data, "evidence")
    return planned_name(evidence.filename)


def report_value(session: Session, user: User | None, scope_code: str, year: object,
                 code: str, raw_value: object, source_note: str, *,
                 evidence: Evidence | None = None, data_dir: Path | None = None) -> ReportedValue:
    """Record a reported value (the newest entry of a zone, year and code counts)."""
    _require_scope(user, scope_code)
    errors = FieldErrors()
    year_value = _year(errors, year)
    known = reported_input_codes()
    if code not in known:
        errors.add("code", "不是可填报的指标")
    value = _quantity(errors, "value", raw_value, known[code][2]) if code in known else None
    note = text_field(errors, source_note, "source_note", limit=2000, multiline=True)
    if is_blank(note) and "source_note" not in errors.fields:
        errors.add("source_note", "请注明数据来源（如统计公报、部门文件）")
    errors.raise_if_any()
    row = ReportedValue(zone_code=scope_code, year=year_value, code=code, value=value,
                        source_note=note, entered_by_id=user.id if user else None)
    if evidence is not None and data_dir is not None:
        row.evidence_name = PurePath(evidence.filename).name[:200]
        row.evidence_path = check_evidence(evidence)
    session.add(row)
    session.flush()
    if row.evidence_path:  # after the flush; removed again if the transaction fails
        write_after_flush(session, data_dir / "evidence" / row.evidence_path, evidence.data)
    return row


def latest_reported(session: Session, year: int) -> dict[tuple[str, str], ReportedValue]:
    """(scope, code) -> the newest entry of the year."""
    stmt = select(ReportedValue).where(ReportedValue.year == year).order_by(ReportedValue.id)
    return {(r.zone_code, r.code): r for r in session.scalars(stmt)}


def _policy_row(session: Session, zone_code: str, year: int, code: str) -> PolicyAssessment:
    stmt = select(PolicyAssessment).filter_by(zone_code=zone_code, year=year, code=code)
    row = session.scalar(stmt)
    if row is None:
        row = PolicyAssessment(zone_code=zone_code, year=year, code=code)
        session.add(row)
    return row


def _policy_code(errors: FieldErrors, code: str) -> None:
    indicator = indicators().get(code)
    if indicator is None or indicator.source != "qualitative":
        errors.add("code", "不是政策环境类指标")


def write_policy(session: Session, user: User, zone_code: str, year: object, code: str,
                 text: str) -> PolicyAssessment:
    _require_scope(user, zone_code)
    errors = FieldErrors()
    year_value = _year(errors, year)
    _policy_code(errors, code)
    text = text_field(errors, text, "text", limit=20000, multiline=True)
    if is_blank(text) and "text" not in errors.fields:
        errors.add("text", "请填写落实情况")
    errors.raise_if_any()
    row = _policy_row(session, zone_code, year_value, code)
    row.text, row.written_by_id, row.written_at = text, user.id, utcnow()
    session.flush()
    return row


def score_policy(session: Session, user: User, zone_code: str, year: object, code: str,
                 score: object) -> PolicyAssessment:
    if not is_province_reviewer(user):
        raise PermissionDenied("只有省级评审人员可以评分")
    errors = FieldErrors()
    year_value = _year(errors, year)
    _policy_code(errors, code)
    value = _quantity(errors, "score", score, "分")
    if value is not None and (value > qualitative_max_score() or value != value.quantize(
            Decimal("0.1"))):
        errors.add("score", f"评分应在 0-{qualitative_max_score()} 之间，最多 1 位小数")
    errors.raise_if_any()
    row = _policy_row(session, zone_code, year_value, code)
    row.score, row.scored_by_id, row.scored_at = value, user.id, utcnow()
    session.flush()
    return row


def policies(session: Session, year: int) -> dict[tuple[str, str], PolicyAssessment]:
    stmt = select(PolicyAssessment).where(PolicyAssessment.year == year)
    return {(r.zone_code, r.code): r for r in session.scalars(stmt)}


def set_featured(session: Session, user: User, zone_code: str, year: object, name: str,
                 unit: str, target: object = None, value: object = None,
                 source_note: str = "") -> FeaturedIndicator:
    """Define (or update) one of a zone's own 特色指标 for a year."""
    _require_scope(user, zone_code)
    errors = FieldErrors()
    year_value = _year(errors, year)
    name = text_field(errors, name, "name", limit=200, required=True)
    unit = text_field(errors, unit, "unit", limit=20)
    source_note = text_field(errors, source_note, "source_note", limit=2000, multiline=True)
    amounts = {k: _quantity(errors, k, v, unit) if v not in (None, "") else None
               for k, v in (("target", target), ("value", value))}
    errors.raise_if_any()
    stmt = select(FeaturedIndicator).filter_by(zone_code=zone_code, year=year_value, name=name)
    row = session.scalar(stmt) or FeaturedIndicator(zone_code=zone_code, year=year_value,
                                                    name=name)
    if row.target != amounts["target"]:  # a new target waits for the province again
        row.target_status, row.target_approved_by_id, row.target_approved_at = (
            "proposed", None, None)
    row.unit, row.target, row.value = unit, amounts["target"], amounts["value"]
    row.source_note, row.entered_by_id = source_note, user.id
    session.add(row)
    session.flush()
    return row


def featured(session: Session, year: int) -> dict[str, list[FeaturedIndicator]]:
    stmt = select(FeaturedIndicator).where(FeaturedIndicator.year == year)
    found: dict[str, list[FeaturedIndicator]] = {}
    for row in session.scalars(stmt.order_by(FeaturedIndicator.id)):
        found.setdefault(row.zone_code, []).append(row)
    return found


def set_target(session: Session, user: User, scope_code: str, year: object, key: str,
               value: object, note: str = "") -> Target:
    """A yearly target for a zone or the province, set by the province."""
    if not is_province_reviewer(user):
        raise PermissionDenied("只有省级管理员可以设定目标")
    _require_scope(user, scope_code)
    errors = FieldErrors()
    year_value = _year(errors, year)
    if key not in TARGET_KEYS:
        errors.add("key", "该指标不能设定目标")
    amount = _quantity(errors, "value", value, TARGET_KEYS.get(key, ""))
    errors.raise_if_any()
    stmt = select(Target).filter_by(scope_code=scope_code, year=year_value, key=key)
    row = session.scalar(stmt) or Target(scope_code=scope_code, year=year_value, key=key)
    row.value, row.note, row.set_by_id, row.set_at = amount, (note or "")[:2000], user.id, utcnow()
    session.add(row)
    session.flush()
    return row


def targets(session: Session, year: int) -> dict[tuple[str, str], Decimal]:
    """(scope, key) -> target; the province defaults in config/zones.json count unless set."""
    found = {(home_province().code, t["key"]): Decimal(t["value"])
             for t in load_json("zones.json").get("province_targets", []) if t["year"] == year}
    for row in session.scalars(select(Target).where(Target.year == year)):
        found[(row.scope_code, row.key)] = row.value
    return found
