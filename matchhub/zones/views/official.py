"""Official published figures of a zone or the province (/zones/<code>/official): the
computed and the published figure side by side with what explains the difference, and
the entry form for those who may record published figures."""

from pathlib import Path

from flask import current_app, flash, redirect, render_template, send_file, url_for
from flask_login import login_required

from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import NotFound, PermissionDenied, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.route_table import RouteTable
from matchhub.zones import services
from matchhub.zones.access import can_enter_official_figure
from matchhub.zones.forms import OfficialFigureForm
from matchhub.zones.official.periods import CALIBERS, PERIODS
from matchhub.zones.views.common import requested_year, year_choices

routes = RouteTable()
RULE = "/<string(length=6):code>/official"


def _scope(code: str) -> str:
    name = services.scope_name(code)
    if name is None:
        raise NotFound("未知的示范区")
    return name


def _render(code: str, year: int, form: OfficialFigureForm, status: int = 200,
            problems=()):
    body = render_template(
        "zones/official.html", code=code, name=_scope(code), year=year,
        years=year_choices(year), form=form, problems=list(problems),
        comparisons=services.official_comparisons(db.session, code, year),
        can_enter=can_enter_official_figure(me(), code), periods=PERIODS, calibers=CALIBERS)
    return body, status


@routes.get(RULE)
@login_required
def official(code: str):
    year = requested_year()
    _scope(code)
    return _render(code, year, OfficialFigureForm(formdata=None, data={"year": year}))


def _evidence(form: OfficialFigureForm):
    upload = form.evidence.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    return services.Evidence(upload.filename, upload.read())


@routes.post(RULE)
@login_required
def enter_official(code: str):
    _scope(code)
    if not can_enter_official_figure(me(), code):
        raise PermissionDenied("只有平台（省级）管理员和本示范区管理员可以录入官方发布数据")
    form = OfficialFigureForm()
    year = requested_year()
    if not form.validate_on_submit():
        return _render(code, year, form, 422)
    try:
        row = services.enter_official_figure(
            db.session, me(), code, form.figure_data(), today(), evidence=_evidence(form),
            data_dir=Path(current_app.config["DATA_DIR"]))
    except ValidationFailed as exc:
        db.session.rollback()
        return _render(code, year, form, 422, apply_errors(form, exc.fields))
    db.session.commit()
    flash("官方发布数据已保存", "success")
    return redirect(url_for(".official", code=code, year=row.year))


@routes.get(RULE + "/<int:figure_id>/evidence")
@login_required
def official_evidence(code: str, figure_id: int):
    path, name = services.official_evidence_file(
        db.session, me(), code, figure_id, Path(current_app.config["DATA_DIR"]))
    return send_file(path, as_attachment=True, download_name=name)
