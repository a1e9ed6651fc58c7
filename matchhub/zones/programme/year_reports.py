"""Yearly construction reports (每年12月底以前报省科技厅): the zone submits the platform's
DOCX or its own file, once every narrative section is written; the indicator values of
the year are kept with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.core.db_types import utcnow
from matchhub.core.errors import FieldErrors, InvalidTransition
from matchhub.core.regions import zones
from matchhub.core.text import clean_text
from matchhub.zones.access import require_zone_admin
from matchhub.zones.models import ZoneYearReport
from matchhub.zones.programme.annual_report import annual_report_docx
from matchhub.zones.programme.documents import (
    Upload,
    check_document,
    display_name,
    replace_document,
    write_document,
)
from matchhub.zones.programme.report_sections import require_complete
from matchhub.zones.programme.status import get_programme
from matchhub.zones.statistics.history import scalar_values, zone_values

if TYPE_CHECKING:
    from matchhub.accounts.models import User

REPORT_TYPES = {".pdf", ".docx", ".doc"}
REPORTING = {"building", "evaluating"}


def year_reports(session: Session, code: str) -> list[ZoneYearReport]:
    stmt = select(ZoneYearReport).filter_by(zone_code=code).order_by(ZoneYearReport.year)
    return list(session.scalars(stmt))


def _check_year(programme, year: int) -> None:
    if programme.status not in REPORTING:
        raise InvalidTransition("建设方案批准后、验收前才能报送年度建设情况")
    if not programme.start_year <= year <= programme.end_year:
        errors = FieldErrors()
        errors.add("year", f"应在建设期 {programme.start_year}—{programme.end_year} 年内")
        errors.raise_if_any()


def submit_year_report(session: Session, user: User, code: str, year: int, *,
                       data_dir: Path, today: dt.date, upload: Upload | None = None,
                       note: str = "") -> ZoneYearReport:
    """Submit (or resubmit) the year's report; without an upload the generated DOCX."""
    require_zone_admin(user, code)
    _check_year(get_programme(session, code), year)
    require_complete(session, code, year)
    if upload is None:
        name = f"{zones()[code].name}{year}年度建设情况报告.docx"
        upload = Upload(name, annual_report_docx(session, code, year, today))
        generated = True
    else:
        generated = False
    stored = check_document(upload, REPORT_TYPES, "document")
    row = session.scalar(select(ZoneYearReport).filter_by(zone_code=code, year=year))
    old_document = row.document_path if row is not None else None
    row = row or ZoneYearReport(zone_code=code, year=year)
    row.document_name, row.document_path = display_name(upload.filename), stored
    row.generated, row.note = generated, clean_text(note, "note", limit=5000, multiline=True)
    row.indicators = scalar_values(zone_values(session, code, year, today))
    row.submitted_by_id, row.submitted_at = user.id, utcnow()
    session.add(row)
    session.flush()
    write_document(session, data_dir, stored, upload)
    replace_document(session, data_dir, old_document, stored)
    return row
