"""Register (登记), edit and cancel technology contracts through the web forms."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import login_required

from matchhub.cases.registration import initial_values, register_from_case, requested_case
from matchhub.contracts import access, services
from matchhub.contracts.forms import CancelForm, ContractForm, form_values
from matchhub.contracts.models import Contract
from matchhub.contracts.views.detail_page import render_detail
from matchhub.contracts.views.links import LINK_FIELDS, linked_records
from matchhub.contracts.views.listing import require_registry_user
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import PermissionDenied, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _render_form(form: ContractForm, contract: Contract | None, status: int = 200,
                 problems=(), case=None):
    body = render_template("contracts/form.html", form=form, contract=contract,
                           problems=list(problems), case=case, link_fields=LINK_FIELDS,
                           linked=linked_records(form))
    return body, status


def _write(form: ContractForm, contract: Contract | None, case=None) -> Contract:
    if case is not None:
        return register_from_case(db.session, me(), case, form.contract_data(), today())
    if contract is None:
        return services.create_contract(db.session, me(), form.contract_data(), today())
    services.update_contract(db.session, me(), contract, form.contract_data(), today())
    return contract


def _save(form: ContractForm, contract: Contract | None, case=None):
    if not form.is_submitted():
        return _render_form(form, contract, case=case)
    if not form.validate():
        return _render_form(form, contract, 422, case=case)
    try:
        saved = _write(form, contract, case)
    except ValidationFailed as exc:
        db.session.rollback()
        return _render_form(form, contract, 422, apply_errors(form, exc.fields), case)
    db.session.commit()
    flash("合同已登记" if contract is None else "修改已保存", "success")
    return redirect(url_for("contracts.detail", contract_id=saved.id))


@routes.route("/new", methods=["GET", "POST"])
@login_required
def create():
    user = require_registry_user()
    # ?case=<id>: register from a signed match case
    case = requested_case(db.session, user, request.args.get("case"))
    if case is not None and request.method == "GET":
        return _save(ContractForm(data=initial_values(user, case, today())), None, case)
    return _save(ContractForm(), None, case)


def _changeable(contract_id: int) -> Contract:
    """The contract if this user may see it (404 otherwise) and change it (403 otherwise)."""
    contract = services.find_visible(db.session, me(), contract_id)
    if not access.can_change(me(), contract):
        raise PermissionDenied("无权修改该合同：仅登记人、卖方所在示范区管理员和平台管理员"
                               "可以修改或撤销有效的合同")
    return contract


@routes.route("/<int:contract_id>/edit", methods=["GET", "POST"])
@login_required
def edit(contract_id: int):
    contract = _changeable(contract_id)
    if request.method == "GET":
        return _save(ContractForm(data=form_values(services.current_values(contract))), contract)
    return _save(ContractForm(), contract)


@routes.post("/<int:contract_id>/cancel")
@login_required
def cancel(contract_id: int):
    contract = _changeable(contract_id)
    form = CancelForm()
    if not form.validate_on_submit():
        return render_detail(contract, 422, cancel_form=form)
    try:
        services.cancel_contract(db.session, me(), contract, form.reason.data)
    except ValidationFailed as exc:
        db.session.rollback()
        apply_errors(form, exc.fields)
        return render_detail(db.session.get(Contract, contract_id), 422, cancel_form=form)
    db.session.commit()
    flash("合同登记已撤销", "info")
    return redirect(url_for("contracts.detail", contract_id=contract.id))


@routes.post("/<int:contract_id>/recognition")
@login_required
def recognise(contract_id: int):
    """认定: a pending contract starts counting (platform or seller-zone administrators)."""
    contract = services.find_visible(db.session, me(), contract_id)
    services.recognise_contract(db.session, me(), contract)
    db.session.commit()
    flash("合同已认定，计入统计", "success")
    return redirect(url_for("contracts.detail", contract_id=contract.id))
