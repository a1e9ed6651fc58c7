"""Submit, register (登记), confirm (认定登记), return, correct and cancel technology
contracts through the web forms."""

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import login_required

from matchhub.cases.registration import initial_values, register_from_case, requested_case
from matchhub.contracts import access, services
from matchhub.contracts.evidence import Evidence, evidence_path
from matchhub.contracts.forms import (
    CancelForm,
    ConfirmForm,
    ContractForm,
    ReturnForm,
    form_values,
)
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


def _evidence(form: ContractForm) -> Evidence | None:
    upload = form.evidence.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    return Evidence(upload.filename, upload.read())


def _write(form: ContractForm, contract: Contract | None, case=None) -> Contract:
    if case is not None:
        saved = register_from_case(db.session, me(), case, form.contract_data(), today())
    elif contract is None:
        saved = services.create_contract(db.session, me(), form.contract_data(), today())
    else:
        services.update_contract(db.session, me(), contract, form.contract_data(), today(),
                                 reason=form.reason.data)
        saved = contract
    services.attach_evidence(db.session, me(), saved, _evidence(form),
                             Path(current_app.config["DATA_DIR"]))
    return saved


def _saved_message(contract: Contract | None, saved: Contract) -> str:
    if contract is not None:
        return "更正已保存" if saved.status == "active" else "修改已保存"
    if saved.status == "active":
        return "合同已认定登记，计入统计"
    return "合同已提交，待卖方所在示范区的技术合同登记员认定登记"


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
    flash(_saved_message(contract, saved), "success")
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
        raise PermissionDenied("无权修改该合同：已认定登记的合同只能由卖方所在示范区的技术合同"
                               "登记员更正或撤销；待认定、已退回的合同由提交人修改")
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


def _pending(contract_id: int) -> Contract:
    """The contract if visible (404) and this user may confirm or return it (403)."""
    contract = services.find_visible(db.session, me(), contract_id)
    if not access.can_confirm(me(), contract):
        raise PermissionDenied("只有卖方所在示范区的技术合同登记员或平台管理员可以认定登记"
                               "或退回待认定的合同")
    return contract


@routes.post("/<int:contract_id>/recognition")
@login_required
def recognise(contract_id: int):
    """认定登记: a pending contract starts counting (officers of the seller's zone)."""
    contract = _pending(contract_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_detail(contract, 422, confirm_form=form)
    try:
        services.confirm_contract(db.session, me(), contract, form.registration_number.data)
    except ValidationFailed as exc:
        db.session.rollback()
        apply_errors(form, exc.fields)
        return render_detail(db.session.get(Contract, contract_id), 422, confirm_form=form)
    db.session.commit()
    flash("合同已认定登记，计入统计", "success")
    return redirect(url_for("contracts.detail", contract_id=contract.id))


@routes.post("/<int:contract_id>/return")
@login_required
def send_back(contract_id: int):
    """退回: the submitter gets the contract back with the officer's reason."""
    contract = _pending(contract_id)
    form = ReturnForm(prefix=ReturnForm.PREFIX)
    if not form.validate_on_submit():
        return render_detail(contract, 422, return_form=form)
    try:
        services.return_contract(db.session, me(), contract, form.reason.data)
    except ValidationFailed as exc:
        db.session.rollback()
        apply_errors(form, exc.fields)
        return render_detail(db.session.get(Contract, contract_id), 422, return_form=form)
    db.session.commit()
    flash("合同已退回提交人修改", "info")
    return redirect(url_for("contracts.detail", contract_id=contract.id))


@routes.get("/<int:contract_id>/evidence")
@login_required
def evidence_file(contract_id: int):
    """The signed contract file, for whoever may see the contract."""
    contract = services.find_visible(db.session, me(), contract_id)
    if not contract.evidence_path:
        abort(404)
    return send_file(evidence_path(Path(current_app.config["DATA_DIR"]), contract),
                     as_attachment=True,
                     download_name=contract.evidence_name or contract.evidence_path)
