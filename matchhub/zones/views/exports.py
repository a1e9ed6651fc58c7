"""Downloads: the indicator table as XLSX (province or one zone) for a period, and a
zone's annual construction report as DOCX and PDF. Only for those who may see the full
figures (``access``): the zone's officials and the province."""

from urllib.parse import quote

from flask import Response, abort
from flask_login import current_user, login_required

from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.core.regions import zones
from matchhub.core.route_table import RouteTable
from matchhub.zones import services
from matchhub.zones.access import can_see_documents, can_see_province_figures, can_see_zone_figures
from matchhub.zones.views.common import ZONE_RULE, known_zone, requested_period, requested_year

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

routes = RouteTable()


def download(data: bytes, mimetype: str, filename: str) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": disposition})


def _visible(code: str) -> None:
    known_zone(code)
    if not can_see_zone_figures(current_user, code):
        abort(403)


@routes.get("/export.xlsx")
@login_required
def export_province():
    if not can_see_province_figures(current_user):
        abort(403)
    period = requested_period()
    report = services.build_report(db.session, period, today=today())
    return download(services.indicator_workbook(report), XLSX_MIME,
                    f"示范区建设指标_{report.period.key}.xlsx")


@routes.get(ZONE_RULE + "/export.xlsx")
@login_required
def export_zone(code: str):
    _visible(code)
    period = requested_period()
    report = services.build_report(db.session, period, code, today())
    return download(services.indicator_workbook(report, with_province=False), XLSX_MIME,
                    f"{zones()[code].name}建设指标_{report.period.key}.xlsx")


def _report_zone(code: str) -> str:
    """The yearly report holds the zone's drafts: its administrators and the province."""
    known_zone(code)
    if not can_see_documents(current_user, code):
        abort(403)
    return code


@routes.get(ZONE_RULE + "/annual-report.docx")
@login_required
def annual_report(code: str):
    _visible(code)
    year = requested_year()
    data = services.annual_report_docx(db.session, _report_zone(code), year, today())
    return download(data, services.DOCX_MIME, f"{zones()[code].name}{year}年度建设情况报告.docx")


@routes.get(ZONE_RULE + "/annual-report.pdf")
@login_required
def annual_report_pdf(code: str):
    year = requested_year()
    data = services.annual_report_pdf(db.session, _report_zone(code), year, today())
    return download(data, "application/pdf", f"{zones()[code].name}{year}年度建设情况报告.pdf")
