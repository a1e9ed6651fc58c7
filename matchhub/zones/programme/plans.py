"""Construction plans (建设方案): the zone drafts and submits, the province approves or
returns with a note. Approval starts construction (建设中) over the plan's period and
sets the plan's end-of-period target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.core.db_types import utcnow
from matchhub.core.errors import FieldErrors, InvalidTransition
from matchhub.core.money import parse_amount
from matchhub.core.text import clean_text, is_blank, text_field
from matchhub.zones.access import require_province_admin, require_zone_admin
from matchhub.zones.entries import recording as entries
from matchhub.zones.models import ZonePlan
from matchhub.zones.programme.documents import (
    Upload,
    check_document,
    display_name,
    replace_document,
    write_document,
)
from matchhub.zones.programme.status import get_programme, period_lengths

if TYPE_CHECKING:
    from matchhub.accounts.models import User

PLAN_TYPES = {".pdf", ".docx"}
EDITABLE = {"draft", "returned"}
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass
class PlanInput:
    title: str
    start_year: object
    end_year: object
    target_volume: object = None  # the end year's 技术合同成交额 target
    target_unit: str = "元"


def get_plan(session: Session, code: str) -> ZonePlan | None:
    return session.scalar(select(ZonePlan).filter_by(zone_code=code))


def _year(errors: FieldErrors, name: str, raw: object) -> int:
    try:
        value = int(str(raw))
    except ValueError:
        value = 0
    if not MIN_YEAR <= value <= MAX_YEAR:
        errors.add(name, f"年份应在 {MIN_YEAR}-{MAX_YEAR} 之间")
    return value


def _clean(data: PlanInput) -> dict:
    errors = FieldErrors()
    title = text_field(errors, data.title, "title", limit=200, required=True)
    start, end = _year(errors, "start_year", data.start_year), _year(errors, "end_year",
                                                                     data.end_year)
    lengths = period_lengths()
    if start and end and end - start + 1 not in lengths:
        errors.add("end_year", f"建设期应为 {'或'.join(map(str, lengths))} 年")
    target = None
    if data.target_volume not in (None, ""):
        try:
            target = parse_amount(data.target_volume, data.target_unit)
        except ValueError as exc:
            errors.add("target_volume", str(exc))
    errors.raise_if_any()
    return {"title": title, "start_year": start, "end_year": end, "target_volume": target}


def save_plan(session: Session, user: User, code: str, data: PlanInput,
              upload: Upload | None = None, data_dir: Path | None = None) -> ZonePlan:
    """Create or update the zone's plan while it is a draft or was returned."""
    require_zone_admin(user, code)
    plan = get_plan(session, code)
    if plan is not None and plan.status not in EDITABLE:
        raise InvalidTransition("建设方案已提交或已批准，不能修改")
    values = _clean(data)
    if upload is not None and data_dir is not None:
        stored = check_document(upload, PLAN_TYPES, "document")
        values |= {"document_name": display_name(upload.filename), "document_path": stored}
    old_document = plan.document_path if plan is not None else None
    plan = plan or ZonePlan(zone_code=code, status="draft")
    for name, value in values.items():
        setattr(plan, name, value)
    session.add(plan)
    get_programme(session, code)
    session.flush()
    if upload is not None and data_dir is not None:
        write_document(session, data_dir, values["document_path"], upload)
        replace_document(session, data_dir, old_document, values["document_path"])
    return plan


def submit_plan(session: Session, user: User, code: str) -> ZonePlan:
    require_zone_admin(user, code)
    plan = get_plan(session, code)
    if plan is None or plan.status not in EDITABLE:
        raise InvalidTransition("没有可提交的建设方案")
    if not plan.document_path:
        raise InvalidTransition("请先上传建设方案文件（PDF 或 Word）")
    plan.status, plan.submitted_by_id, plan.submitted_at = "submitted", user.id, utcnow()
    get_programme(session, code).status = "applying"
    session.flush()
    return plan


def review_plan(session: Session, user: User, code: str, approve: bool,
                note: str = "") -> ZonePlan:
    """Approve (construction starts) or return the submitted plan with a note."""
    require_province_admin(user)
    plan = get_plan(session, code)
    if plan is None or plan.status != "submitted":
        raise InvalidTransition("该示范区没有待审核的建设方案")
    note = clean_text(note, "note", limit=5000, multiline=True)
    if not approve and is_blank(note):
        errors = FieldErrors()
        errors.add("note", "退回时请写明修改意见")
        errors.raise_if_any()
    plan.status = "approved" if approve else "returned"
    plan.review_note, plan.reviewed_by_id, plan.reviewed_at = note[:5000], user.id, utcnow()
    if approve:
        _start_construction(session, user, plan)
    session.flush()
    return plan


def _start_construction(session: Session, user: User, plan: ZonePlan) -> None:
    programme = get_programme(session, plan.zone_code)
    programme.status = "building"
    programme.start_year, programme.end_year = plan.start_year, plan.end_year
    if plan.target_volume is not None:
        entries.set_target(session, user, plan.zone_code, plan.end_year,
                           "contract_volume_output", plan.target_volume, "建设方案目标")
