"""The zones' entry points, for other packages and the web layer: the yearly report and
what is made of it (dashboards, XLSX, the annual report DOCX), the programme's steps, and
what zones enter. Each takes a session and explicit values and returns models or typed
objects; callers commit."""

import datetime as dt

from sqlalchemy.orm import Session

from matchhub.zones.entries.recording import (
    MAX_YEAR,
    MIN_YEAR,
    Evidence,
    report_value,
    score_policy,
    set_featured,
    set_target,
    write_policy,
)
from matchhub.zones.entries.sheet import EntrySheet, entry_sheet, evidence_file, scope_name
from matchhub.zones.official.comparison import Comparison, compare
from matchhub.zones.official.figures import enter_official_figure, latest_figures
from matchhub.zones.official.figures import evidence_file as official_evidence_file
from matchhub.zones.official.periods import CALIBERS, PERIODS
from matchhub.zones.official.published_csv import CsvImport, import_published
from matchhub.zones.programme.annual_report import annual_report_docx
from matchhub.zones.programme.assessments import record_assessment, start_assessment
from matchhub.zones.programme.documents import DOCX_MIME, Upload, document_file, mime_type
from matchhub.zones.programme.overview import ProgrammeOverview, programme_overview
from matchhub.zones.programme.plans import PlanInput, get_plan, review_plan, save_plan, submit_plan
from matchhub.zones.programme.report_document import build_document
from matchhub.zones.programme.report_pdf import render_pdf
from matchhub.zones.programme.report_sections import SECTIONS, save_sections, section_texts
from matchhub.zones.programme.status import PROGRAMME_STATUSES, programmes
from matchhub.zones.programme.year_reports import submit_year_report, year_reports
from matchhub.zones.statistics import dashboard
from matchhub.zones.statistics.dashboard import Dashboard
from matchhub.zones.statistics.periods import Period, PeriodError, latest_complete_year, period_from
from matchhub.zones.statistics.public_summary import PublicSummary, province_summary, zone_summary
from matchhub.zones.statistics.report import build_report
from matchhub.zones.statistics.values import YearReport
from matchhub.zones.statistics.xlsx_export import indicator_workbook

__all__ = [
    "DOCX_MIME", "MAX_YEAR", "MIN_YEAR", "SECTIONS", "Comparison", "CsvImport", "Dashboard",
    "EntrySheet", "Evidence", "Period", "PeriodError", "PlanInput", "ProgrammeOverview",
    "PublicSummary", "Upload", "YearReport", "annual_report_docx", "build_report",
    "document_file", "enter_official_figure", "entry_sheet", "evidence_file", "get_plan",
    "import_published", "indicator_workbook", "latest_complete_year", "official_evidence_file",
    "period_from", "province_summary", "zone_summary", "mime_type", "programme_overview",
    "programme_statuses", "province_dashboard", "record_assessment", "report_value",
    "save_sections", "section_texts", "annual_report_pdf", "review_plan", "save_plan",
    "scope_name", "score_policy", "set_featured", "set_target", "start_assessment",
    "submit_plan", "submit_year_report", "write_policy", "year_reports", "zone_dashboard",
]


def annual_report_pdf(session: Session, code: str, year: int, today: dt.date) -> bytes:
    """The yearly report as PDF, from the same typed report as the DOCX."""
    return render_pdf(build_document(session, code, year, today))


def programme_statuses(session: Session) -> dict[str, str]:
    """Zone code -> its programme's status code (zones without a programme are absent)."""
    return {code: p.status for code, p in programmes(session).items()}


def province_dashboard(session: Session, period: Period | int, today: dt.date) -> Dashboard:
    return dashboard.province_dashboard(session, period, today, programme_statuses(session))


def zone_dashboard(session: Session, code: str, period: Period | int,
                   today: dt.date) -> Dashboard:
    return dashboard.zone_dashboard(session, code, period, today, programme_statuses(session),
                                    PROGRAMME_STATUSES)


def official_comparisons(session: Session, scope_code: str, year: int) -> list[Comparison]:
    """Each latest official figure of a scope's year beside the computed one."""
    figures = latest_figures(session, scope_code, year)
    return [compare(session, figures[key]) for key in sorted(figures, key=_figure_order)]


def _figure_order(key: tuple[str, str]) -> tuple[int, int]:
    period, caliber = key
    return list(PERIODS).index(period), list(CALIBERS).index(caliber)
