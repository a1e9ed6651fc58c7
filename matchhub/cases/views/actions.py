"""POST actions on a case page: move it on, plan it, offer another achievement, rate it.

A refused write (bad input, illegal jump, stale version) rolls back and shows the case
page again with the message and the status (422 or 409); nothing is half-written.
"""

from flask import flash, redirect, request, url_for
from flask_login import login_required

from matchhub.cases import planning, ratings, services, workflow
from matchhub.cases.views.page import render_case
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import Conflict, InvalidTransition, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable

routes = RouteTable()
REFUSED = (ValidationFailed, InvalidTransition, Conflict)


def _refused(case_id: int, exc):
    db.session.rollback()
    case = services.find_visible(db.session, me(), case_id)
    return render_case(case, exc.status, exc.message, exc.fields, request.form.to_dict())


def _done(case_id: int, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("cases.detail", case_id=case_id))


@routes.post("/<int:case_id>/transition")
@login_required
def transition(case_id: int):
    case = services.find_visible(db.session, me(), case_id)
    form = request.form
    try:
        event = services.request_transition(
            db.session, me(), case, form.get("to", ""), version=form.get("version"),
            note=form.get("note", ""), reason=form.get("reason", ""))
    except REFUSED as exc:
        return _refused(case_id, exc)
    return _done(case_id, f"对接单已变为「{workflow.label(event.to_status)}」")


@routes.post("/<int:case_id>/plan")
@login_required
def plan(case_id: int):
    case = services.find_visible(db.session, me(), case_id)
    try:
        planning.update_plan(db.session, me(), case, request.form.to_dict(),
                             version=request.form.get("version"))
    except REFUSED as exc:
        return _refused(case_id, exc)
    return _done(case_id, "办理计划已保存")


@routes.post("/<int:case_id>/achievements")
@login_required
def add_achievement(case_id: int):
    case = services.find_visible(db.session, me(), case_id)
    try:
        planning.add_achievement(db.session, me(), case, request.form.get("achievement_id"),
                                 today(), version=request.form.get("version"))
    except REFUSED as exc:
        return _refused(case_id, exc)
    return _done(case_id, "已关联成果")


@routes.post("/<int:case_id>/rating")
@login_required
def rate(case_id: int):
    case = services.find_visible(db.session, me(), case_id)
    try:
        ratings.rate_case(db.session, me(), case, request.form.get("score"),
                          request.form.get("comment", ""))
    except REFUSED as exc:
        return _refused(case_id, exc)
    return _done(case_id, "感谢您的评价")
