"""The broker workbench's pages (对接单): the list, a case's page, opening a case."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from matchhub.cases import access, services, workflow
from matchhub.cases.planning import is_overdue
from matchhub.cases.views.page import render_case
from matchhub.core.args import int_problem, page_arg
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import DomainError, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _status_filter() -> str:
    status = request.args.get("status", "").strip()
    if status and status not in workflow.STATES:
        raise DomainError(f"筛选参数无效：status 可选 {'、'.join(workflow.STATES)}",
                          {"status": ["取值无效"]})
    return status


@routes.get("")
@login_required
def listing():
    status = _status_filter()
    page = db.paginate(services.visible_query(me(), status),
                       page=page_arg(),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("cases/list.html", page=page, status=status, states=workflow.STATES,
                           today=today(), is_overdue=is_overdue,
                           can_route=access.can_route(me()))


@routes.get("/<int:case_id>")
@login_required
def detail(case_id: int):
    return render_case(services.find_visible(db.session, me(), case_id))


def _achievement_ids() -> list:
    ids = request.form.getlist("achievement_id")
    return [_form_id(i, "achievement_id") for i in ids if i.strip()]


def _form_id(raw: str, name: str) -> int:
    problem = int_problem(raw)
    if problem:
        raise ValidationFailed({name: [problem]})
    return int(raw.strip())


@routes.post("")
@login_required
def open_case():
    """「从对接推荐开单」: a need and the recommended achievement(s)."""
    need_id = _form_id(request.form.get("need_id", ""), "need_id")
    case = services.open_case(db.session, me(), need_id, _achievement_ids(), today(),
                              request.form.get("note", ""))
    db.session.commit()
    flash(f"已开对接单 #{case.id}", "success")
    return redirect(url_for("cases.detail", case_id=case.id))

