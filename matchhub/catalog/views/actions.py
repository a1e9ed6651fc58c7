"""Workflow steps (submit, approve, reject, withdraw, renew) and detail-access requests."""

from flask import flash, redirect
from flask_login import login_required

from matchhub.catalog import detail_access, services
from matchhub.catalog.forms import AccessRequestForm, RejectForm, RenewForm
from matchhub.catalog.views.detail_page import render_detail
from matchhub.catalog.views.support import PLURAL_RULE, item_url, load_visible, redirect_back
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import Conflict, InvalidTransition, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.route_table import RouteTable

routes = RouteTable()
ACTION_RULE = (PLURAL_RULE
               + "/<int:item_id>/actions/<any(submit, approve, reject, withdraw, renew):action>")
DONE = {"submit": "已提交审核，请等待审核", "approve": "已审核通过，现已公开发布",
        "reject": "已驳回", "withdraw": "已撤回", "renew": "已续期"}
# Actions that carry input: the form and its name on the detail page.
ACTION_FORMS = {"reject": ("reject_form", RejectForm), "renew": ("renew_form", RenewForm)}
# Service error keys -> form fields.
ACTION_ALIASES = {"valid_until": "new_end", "deadline": "new_end"}
DECISION_RULE = ("/achievements/<int:item_id>/access/<int:access_id>"
                 "/<any(grant, deny, revoke):decision>")
DECISION_DONE = {"grant": "已授权查看详细资料", "deny": "已拒绝该申请", "revoke": "已撤销授权"}


def _inputs(form) -> dict:
    if isinstance(form, RejectForm):
        return {"reason": form.reason.data}
    if isinstance(form, RenewForm):
        return {"new_end": form.new_end.date}
    return {}


@routes.post(ACTION_RULE)
@login_required
def act(plural: str, item_id: int, action: str):
    item = load_visible(plural, item_id)
    form_name, form_class = ACTION_FORMS.get(action, (None, None))
    form = form_class() if form_class else None
    if form is not None and not form.validate_on_submit():
        return render_detail(item, 422, **{form_name: form})
    try:
        services.act(db.session, me(), item, action, today(), **_inputs(form))
    except InvalidTransition as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect_back(item)
    except ValidationFailed as exc:
        db.session.rollback()
        if form is None:
            raise
        apply_errors(form, exc.fields, ACTION_ALIASES)
        return render_detail(item, 422, **{form_name: form})
    db.session.commit()
    flash(DONE[action], "success")
    return redirect_back(item)


@routes.post("/achievements/<int:item_id>/access")
@login_required
def request_access(item_id: int):
    item = load_visible("achievements", item_id)
    form = AccessRequestForm()
    if not form.validate_on_submit():
        return render_detail(item, 422, access_form=form)
    try:
        detail_access.request_access(db.session, me(), item, form.message.data, today())
    except Conflict as exc:
        db.session.rollback()
        flash(exc.message, "info")
        return redirect(item_url(item))
    except ValidationFailed as exc:
        db.session.rollback()
        apply_errors(form, exc.fields)
        return render_detail(item, 422, access_form=form)
    db.session.commit()
    flash("已提交申请，成果方同意后即可查看详细资料", "success")
    return redirect(item_url(item))


@routes.post(DECISION_RULE)
@login_required
def decide_access(item_id: int, access_id: int, decision: str):
    item = load_visible("achievements", item_id)
    detail_access.decide(db.session, me(), item, access_id, decision, today())
    db.session.commit()
    flash(DECISION_DONE[decision], "success")
    return redirect(item_url(item, _anchor="access"))
