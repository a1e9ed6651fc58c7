"""The routing page (/cases/routing): needs without an open case, assigned automatically
or by hand by an institution administrator (or a platform administrator)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from matchhub.cases import access, routing
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import Conflict, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _router():
    user = me()
    if not access.can_route(user):
        abort(403)
    return user


def _page(status: int = 200, problem: str = ""):
    user = _router()
    brokers = db.session.scalars(access.assignable_brokers_query(user)).all()
    body = render_template("cases/routing.html", needs=routing.unrouted_needs(db.session, today()),
                           brokers=brokers, problem=problem)
    return body, status


@routes.get("/routing")
@login_required
def routing_page():
    return _page()


def _routed(action):
    try:
        case = action()
    except (ValidationFailed, Conflict) as exc:
        db.session.rollback()
        details = "；".join(f"{k}：{'，'.join(v)}" for k, v in exc.fields.items())
        return _page(exc.status, f"{exc.message}（{details}）" if details else exc.message)
    db.session.commit()
    names = "、".join(b.display_name for b in case.brokers)
    flash(f"已分派：对接单 #{case.id}，技术经纪人 {names}", "success")
    return redirect(url_for("cases.routing_page"))


@routes.post("/routing/auto")
@login_required
def route_auto():
    user = _router()
    return _routed(lambda: routing.auto_route(db.session, user, request.form.get("need_id"),
                                              today()))


@routes.post("/routing/assign")
@login_required
def route_by_hand():
    user = _router()
    form = request.form
    return _routed(lambda: routing.assign_by_hand(db.session, user, form.get("need_id"),
                                                  form.get("broker_id"), today()))
