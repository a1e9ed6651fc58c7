"""Verification: members submit evidence (the organisation's licence, a broker's
certificate, an institution's designation); the platform or the record's zone decides in
the queue (/admin/verifications), where the evidence file can be opened."""

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_login import login_required

from matchhub.accounts import verification
from matchhub.accounts.evidence import Evidence, evidence_path
from matchhub.accounts.standing import can_verify
from matchhub.accounts.trust_forms import (
    CredentialForm,
    DecisionForm,
    DesignationForm,
    LicenceForm,
)
from matchhub.core.current_user import me
from matchhub.core.errors import Conflict, PermissionDenied, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.route_table import RouteTable

routes = RouteTable()
SUBMISSIONS = {
    "licence": (LicenceForm, "提交机构资质材料"),
    "credential": (CredentialForm, "提交技术经纪人证书"),
    "designation": (DesignationForm, "提交技术转移机构认定"),
}


def _data_dir() -> Path:
    return Path(current_app.config["DATA_DIR"])


def _evidence(form) -> Evidence | None:
    upload = form.evidence.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    return Evidence(upload.filename, upload.read())


def _submit(what: str, form) -> None:
    user, files = me(), (_evidence(form), _data_dir())
    if what == "licence":
        verification.submit_licence(db.session, user, *files)
    elif what == "credential":
        data = verification.CredentialInput(form.level.data, form.certificate_no.data,
                                            form.issuer.data, form.issued_on.data,
                                            form.expires_on.data)
        verification.submit_credential(db.session, user, data, *files)
    else:
        data = verification.DesignationInput(form.level.data, form.batch.data or "",
                                             form.year.data)
        verification.submit_designation(db.session, user, data, *files)


def _current(what: str):
    user = me()
    if what == "licence":
        return user.organisation
    if what == "credential":
        return user.broker_profile
    return user.organisation.institution_profile if user.organisation else None


def _render_submission(what: str, form, status: int = 200, problems=()):
    return render_template("accounts/verification_submit.html", what=what, form=form,
                           title=SUBMISSIONS[what][1], record=_current(what),
                           problems=list(problems)), status


@routes.route("/account/verification/<any(licence, credential, designation):what>",
              methods=["GET", "POST"])
@login_required
def submit(what: str):
    form = SUBMISSIONS[what][0]()
    if not form.is_submitted():
        return _render_submission(what, form)
    if not form.validate():
        return _render_submission(what, form, 422)
    try:
        _submit(what, form)
    except ValidationFailed as exc:
        db.session.rollback()
        return _render_submission(what, form, 422, apply_errors(form, exc.fields))
    except (Conflict, PermissionDenied) as exc:
        db.session.rollback()
        return _render_submission(what, form, exc.status, [exc.message])
    db.session.commit()
    flash("材料已提交，等待平台或示范区管理员审核", "success")
    return redirect(url_for("accounts.submit", what=what))


def _require_verifier() -> None:
    if me().role not in {"platform_admin", "zone_admin"}:
        abort(403)


def _render_queue(status: int = 200, form=None, problems=()):
    rows = [(verification.kind_of(r), r) for r in verification.queue(db.session, me())]
    return render_template("accounts/verification_queue.html", rows=rows,
                           labels=verification.KIND_LABELS, describe=verification.describe,
                           form=form or DecisionForm(formdata=None),
                           problems=list(problems)), status


@routes.get("/admin/verifications")
@login_required
def verification_queue():
    _require_verifier()
    return _render_queue()


def _record(kind: str, record_id: int):
    if kind not in verification.KINDS:
        abort(404)
    record = db.get_or_404(verification.KINDS[kind], record_id)
    if not can_verify(me(), record):
        abort(403)
    return record


@routes.get("/admin/verifications/<kind>/<int:record_id>/evidence")
@login_required
def verification_evidence(kind: str, record_id: int):
    record = _record(kind, record_id)
    if not record.evidence_path:
        abort(404)
    return send_file(evidence_path(_data_dir(), record), as_attachment=True,
                     download_name=record.evidence_name or record.evidence_path)


@routes.post("/admin/verifications/<kind>/<int:record_id>")
@login_required
def verification_decide(kind: str, record_id: int):
    record = _record(kind, record_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _render_queue(422, form)
    try:
        if form.decision.data == "approve":
            verification.approve(db.session, me(), record, form.valid_to.data)
        else:
            verification.refuse(db.session, me(), record, form.reason.data or "",
                                revoke=form.decision.data == "revoke")
    except ValidationFailed as exc:
        db.session.rollback()
        return _render_queue(422, form, apply_errors(form, exc.fields))
    db.session.commit()
    flash(f"已处理：{verification.describe(record)}", "success")
    return redirect(url_for("accounts.verification_queue"))
