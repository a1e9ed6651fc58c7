"""The province's review of reported values and featured targets, and the history of every
reported value (/zones/<scope>/entries/<year>/history/<code>): who entered what, when
(Beijing time), from which source and evidence, and how the province decided."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from matchhub.core.current_user import me
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import BaseForm
from matchhub.core.route_table import RouteTable
from matchhub.zones import services
from matchhub.zones.access import can_enter_for, is_province_reviewer
from matchhub.zones.entries import review
from matchhub.zones.indicators import reported_input_codes
from matchhub.zones.models import FeaturedIndicator, ReportedValue
from matchhub.zones.statistics.entered_values import REVIEW_LABELS
from matchhub.zones.statistics.values import quantity_text

routes = RouteTable()
ENTRY_RULE = "/<code>/entries/<int:year>"


def _scope(code: str, year: int) -> None:
    """404 for an unknown scope or year, 403 for anyone who may not see its entries."""
    if services.scope_name(code) is None or not services.MIN_YEAR <= year <= services.MAX_YEAR:
        abort(404)
    if not can_enter_for(me(), code):
        abort(403)


def _owned(model, row_id: int, code: str, year: int):
    row = db.session.get(model, row_id)
    if row is None or row.zone_code != code or row.year != year:
        abort(404)
    return row


@routes.get(ENTRY_RULE + "/history/<string(maxlength=40):item>")
@login_required
def value_history(code: str, year: int, item: str):
    _scope(code, year)
    known = reported_input_codes()
    if item not in known:
        abort(404)
    return render_template(
        "zones/value_history.html", code=code, year=year, item=item, name=known[item][1],
        unit=known[item][2], scope_name=services.scope_name(code), form=BaseForm(),
        rows=review.value_history(db.session, code, year, item), labels=REVIEW_LABELS,
        quantity=quantity_text, reviewer=is_province_reviewer(me()))


def _for_review(model, row_id: int, code: str, year: int):
    """The zone's row a province reviewer decides on, from a form that passed CSRF; 403
    for anyone else, 404 for another zone's or year's row."""
    _scope(code, year)
    if not is_province_reviewer(me()) or not BaseForm().validate_on_submit():
        abort(403)
    return _owned(model, row_id, code, year)


@routes.post(ENTRY_RULE + "/values/<int:value_id>/review")
@login_required
def review_value(code: str, year: int, value_id: int):
    row = _for_review(ReportedValue, value_id, code, year)
    accept = request.form.get("decision") == "accept"
    try:
        review.review_value(db.session, me(), row.id, accept, request.form.get("reason", ""))
    except ValidationFailed:
        db.session.rollback()
        flash("退回时请填写理由", "error")
        return redirect(url_for(".value_history", code=code, year=year, item=row.code)), 303
    db.session.commit()
    flash("已审核通过" if accept else "已退回示范区", "success")
    return redirect(url_for(".value_history", code=code, year=year, item=row.code))


@routes.post(ENTRY_RULE + "/featured/<int:featured_id>/approve-target")
@login_required
def approve_featured_target(code: str, year: int, featured_id: int):
    row = _for_review(FeaturedIndicator, featured_id, code, year)
    review.approve_featured_target(db.session, me(), row.id)
    db.session.commit()
    flash("已批准特色指标目标", "success")
    return redirect(url_for(".page", code=code, year=year, _anchor="featured"))
