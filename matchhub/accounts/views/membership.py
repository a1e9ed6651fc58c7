"""Joining an organisation: a user without one asks to join (/account/membership); the
organisation's administrator (or a platform administrator) approves or refuses the
requests (/account/membership-requests)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import login_required
from sqlalchemy import select

from matchhub.accounts import memberships
from matchhub.accounts.models import Membership, Organisation
from matchhub.accounts.standing import can_decide_membership
from matchhub.accounts.trust_forms import DecisionForm, JoinForm
from matchhub.core.current_user import me
from matchhub.core.errors import Conflict, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors, options
from matchhub.core.route_table import RouteTable
from matchhub.core.vocabularies import vocabulary

routes = RouteTable()


def _join_form() -> JoinForm:
    form = JoinForm()
    orgs = db.session.scalars(select(Organisation).order_by(Organisation.name))
    kinds = vocabulary("org_kinds")
    form.org_id.choices = options([(str(o.id), f"{o.name}（{kinds.label(o.kind)}）")
                                   for o in orgs], "请选择机构")
    return form


def _render_join(form: JoinForm, status: int = 200, problems=()):
    mine = db.session.scalars(select(Membership).where(Membership.user_id == me().id)
                              .order_by(Membership.id.desc())).all()
    return render_template("accounts/membership.html", form=form, requests=mine,
                           problems=list(problems)), status


@routes.get("/account/membership")
@login_required
def membership():
    return _render_join(_join_form())


@routes.post("/account/membership")
@login_required
def membership_request():
    form = _join_form()
    if not form.validate_on_submit():
        return _render_join(form, 422)
    org = db.session.get(Organisation, int(form.org_id.data)) if form.org_id.data.isdigit() \
        else None
    try:
        memberships.request_membership(db.session, me(), org, form.role.data)
    except ValidationFailed as exc:
        db.session.rollback()
        return _render_join(form, 422, apply_errors(form, exc.fields))
    except Conflict as exc:
        db.session.rollback()
        return _render_join(form, exc.status, [exc.message])
    db.session.commit()
    flash("已提交加入申请，待机构管理员审核", "success")
    return redirect(url_for("accounts.membership"))


def _may_see_requests() -> None:
    user = me()
    if user.role != "platform_admin" and not can_decide_membership(user, user.org_id or 0):
        abort(403)


def _render_requests(status: int = 200, form: DecisionForm | None = None, problems=()):
    rows = db.session.scalars(memberships.pending_query(me())).all()
    return render_template("accounts/membership_requests.html", rows=rows,
                           form=form or DecisionForm(formdata=None),
                           problems=list(problems)), status


@routes.get("/account/membership-requests")
@login_required
def membership_requests():
    _may_see_requests()
    return _render_requests()


@routes.post("/account/membership-requests/<int:membership_id>")
@login_required
def membership_decide(membership_id: int):
    row = db.get_or_404(Membership, membership_id)
    if not can_decide_membership(me(), row.org_id):
        abort(403)
    form = DecisionForm()
    if not form.validate_on_submit() or form.decision.data == "revoke":
        return _render_requests(422, form, ["请选择通过或拒绝"])
    try:
        if form.decision.data == "approve":
            memberships.approve(db.session, me(), row)
        else:
            memberships.refuse(db.session, me(), row, form.reason.data or "")
    except ValidationFailed as exc:
        db.session.rollback()
        return _render_requests(422, form, apply_errors(form, exc.fields))
    except Conflict as exc:
        db.session.rollback()
        return _render_requests(exc.status, form, [exc.message])
    db.session.commit()
    flash("已通过加入申请" if form.decision.data == "approve" else "已拒绝加入申请", "success")
    return redirect(url_for("accounts.membership_requests"))
