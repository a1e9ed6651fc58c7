"""The programme page of a zone (/zones/<code>/programme): the zone's administrators draft
and submit the construction plan and yearly reports; platform administrators review the
plan and run the final assessment. Nobody else sees it."""

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_login import current_user, login_required

from matchhub.core.clock import today
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.regions import zones
from matchhub.core.route_table import RouteTable
from matchhub.zones import services
from matchhub.zones.access import can_see_documents, is_province_admin, is_zone_admin_of
from matchhub.zones.forms import (
    AssessmentForm,
    PlanForm,
    ReviewForm,
    StartAssessmentForm,
    YearReportForm,
)
from matchhub.zones.programme.status import CONCLUSIONS, PLAN_STATUSES, PROGRAMME_STATUSES
from matchhub.zones.views.common import ZONE_RULE, known_zone

routes = RouteTable()


def _visible_zone(code: str) -> str:
    known_zone(code)
    if not can_see_documents(current_user, code):
        abort(403)
    return code


def _plan_form(overview) -> PlanForm:
    plan = overview.plan
    if plan is None:
        return PlanForm(formdata=None)
    target = plan.target_volume / 10000 if plan.target_volume is not None else None
    return PlanForm(formdata=None, title=plan.title, start_year=plan.start_year,
                    end_year=plan.end_year,
                    target_volume=format(target.normalize(), "f") if target else "")


def _forms(overview, **given) -> dict:
    years = overview.report_years
    report_form = given.get("report_form") or YearReportForm(
        formdata=None, year=max([y for y in years if y <= today().year] or years or [None]))
    report_form.year.choices = [(y, f"{y}年") for y in years]
    return {"plan_form": given.get("plan_form") or _plan_form(overview),
            "review_form": given.get("review_form") or ReviewForm(formdata=None),
            "report_form": report_form,
            "start_form": StartAssessmentForm(formdata=None),
            "assessment_form": given.get("assessment_form") or AssessmentForm(formdata=None)}


def _render(code: str, status: int = 200, problems=(), **forms):
    overview = services.programme_overview(db.session, code)
    page = render_template(
        "zones/programme.html", code=code, name=zones()[code].name, overview=overview,
        statuses=PROGRAMME_STATUSES, plan_statuses=PLAN_STATUSES, conclusions=CONCLUSIONS,
        is_zone_admin=is_zone_admin_of(current_user, code),
        is_province_admin=is_province_admin(current_user), problems=list(problems),
        **_forms(overview, **forms))
    return page, status


def _data_dir() -> Path:
    return Path(current_app.config["DATA_DIR"])


def _upload(field) -> services.Upload | None:
    storage = field.data
    if not storage or not getattr(storage, "filename", ""):
        return None
    return services.Upload(storage.filename, storage.read())


def _done(code: str, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("zones.programme", code=code))


@routes.get(ZONE_RULE + "/programme")
@login_required
def programme(code: str):
    return _render(_visible_zone(code))


@routes.post(ZONE_RULE + "/plan")
@login_required
def save_plan(code: str):
    _visible_zone(code)
    form = PlanForm()
    if not form.validate_on_submit():
        return _render(code, 422, plan_form=form)
    data = services.PlanInput(form.title.data, form.start_year.data, form.end_year.data,
                              form.target_volume.data, "万元")
    try:
        services.save_plan(db.session, current_user, code, data, _upload(form.document),
                           _data_dir())
        if form.save_submit.data:
            services.submit_plan(db.session, current_user, code)
    except ValidationFailed as exc:
        db.session.rollback()
        return _render(code, 422, apply_errors(form, exc.fields), plan_form=form)
    return _done(code, "建设方案已提交省科技厅审核" if form.save_submit.data else "草稿已保存")


@routes.post(ZONE_RULE + "/plan/review")
@login_required
def review_plan(code: str):
    _visible_zone(code)
    form = ReviewForm()
    if not form.validate_on_submit():
        return _render(code, 422, review_form=form)
    try:
        plan = services.review_plan(db.session, current_user, code,
                                    form.decision.data == "approve", form.note.data)
    except ValidationFailed as exc:
        db.session.rollback()
        return _render(code, 422, apply_errors(form, exc.fields), review_form=form)
    return _done(code, "已批准建设方案" if plan.status == "approved" else "已退回修改")


@routes.get(ZONE_RULE + "/plan/document")
@login_required
def plan_document(code: str):
    plan = services.get_plan(db.session, _visible_zone(code))
    if plan is None or not plan.document_path:
        abort(404)
    return _send(plan.document_path, plan.document_name)


def _send(stored: str, name: str):
    return send_file(services.document_file(_data_dir(), stored),
                     mimetype=services.mime_type(stored), as_attachment=True,
                     download_name=name)


@routes.post(ZONE_RULE + "/year-reports")
@login_required
def submit_year_report(code: str):
    _visible_zone(code)
    form = YearReportForm()
    years = services.programme_overview(db.session, code).report_years
    form.year.choices = [(y, str(y)) for y in years]
    if not form.validate_on_submit():
        return _render(code, 422, report_form=form)
    try:
        services.submit_year_report(db.session, current_user, code, form.year.data,
                                    data_dir=_data_dir(), today=today(),
                                    upload=_upload(form.document), note=form.note.data)
    except ValidationFailed as exc:
        db.session.rollback()
        return _render(code, 422, apply_errors(form, exc.fields), report_form=form)
    return _done(code, f"{form.year.data}年度建设情况已报送")


@routes.get(ZONE_RULE + "/year-reports/<int:year>/document")
@login_required
def year_report_document(code: str, year: int):
    _visible_zone(code)
    row = next((r for r in services.year_reports(db.session, code) if r.year == year), None)
    if row is None:
        abort(404)
    return _send(row.document_path, row.document_name)


@routes.post(ZONE_RULE + "/assessment/start")
@login_required
def start_assessment(code: str):
    _visible_zone(code)
    if not StartAssessmentForm().validate_on_submit():
        abort(400)
    services.start_assessment(db.session, current_user, code)
    return _done(code, "已开始总结评估")


@routes.post(ZONE_RULE + "/assessment")
@login_required
def record_assessment(code: str):
    _visible_zone(code)
    form = AssessmentForm()
    if not form.validate_on_submit():
        return _render(code, 422, assessment_form=form)
    try:
        services.record_assessment(db.session, current_user, code, form.conclusion.data,
                                   form.score.data, form.note.data, today())
    except ValidationFailed as exc:
        db.session.rollback()
        return _render(code, 422, apply_errors(form, exc.fields), assessment_form=form)
    return _done(code, "总结评估结果已记录")
