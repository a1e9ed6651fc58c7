"""The yearly report's editor (/zones/<code>/year-reports/<year>/sections): a text box per
section of the Annex 1 outline. The zone's administrators save drafts; the province reads
them; nobody else opens the page."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import BaseForm
from matchhub.core.regions import zones
from matchhub.core.route_table import RouteTable
from matchhub.zones import services
from matchhub.zones.access import can_see_documents, is_zone_admin_of
from matchhub.zones.views.common import MAX_YEAR, MIN_YEAR, ZONE_RULE, known_zone

routes = RouteTable()
SECTIONS_RULE = ZONE_RULE + "/year-reports/<int:year>/sections"


def _check(code: str, year: int) -> None:
    known_zone(code)
    if not can_see_documents(current_user, code):
        abort(403)
    if not MIN_YEAR <= year <= MAX_YEAR:
        abort(404)


def _render(code: str, year: int, texts: dict[str, str], status: int = 200, errors=None):
    return render_template(
        "zones/report_sections.html", code=code, name=zones()[code].name, year=year,
        sections=services.SECTIONS, texts=texts, errors=errors or {}, form=BaseForm(),
        editable=is_zone_admin_of(current_user, code)), status


@routes.get(SECTIONS_RULE)
@login_required
def report_sections(code: str, year: int):
    _check(code, year)
    return _render(code, year, services.section_texts(db.session, code, year))


@routes.post(SECTIONS_RULE)
@login_required
def save_report_sections(code: str, year: int):
    _check(code, year)
    if not BaseForm().validate_on_submit():
        abort(400)
    texts = {s.code: request.form.get(s.code, "") for s in services.SECTIONS}
    try:
        changed = services.save_sections(db.session, current_user, code, year, texts)
    except ValidationFailed as exc:
        db.session.rollback()
        return _render(code, year, texts, 422, exc.fields)
    db.session.commit()
    flash(f"已保存草稿（{len(changed)} 个章节有修改）", "success")
    return redirect(url_for("zones.report_sections", code=code, year=year))
