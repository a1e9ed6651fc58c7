"""Self-service registration: a user, and optionally a new organisation, in one transaction."""

from flask import redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from matchhub.accounts import emails, memberships, services
from matchhub.accounts.forms import RegisterForm
from matchhub.accounts.models import Organisation, User
from matchhub.audit import services as audit
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.route_table import RouteTable

routes = RouteTable()
# Service error keys -> RegisterForm fields.
ORG_ALIASES = {"name": "org_name", "credit_code": "org_credit_code", "kind": "org_kind",
               "region_code": "org_region", "description": "org_name"}


def _new_form() -> RegisterForm:
    form = RegisterForm()
    form.set_organisations(db.session.scalars(select(Organisation).order_by(Organisation.name)))
    return form


def _create_organisation(form: RegisterForm) -> int:
    data = services.OrganisationInput(
        name=form.org_name.data or "", credit_code=form.org_credit_code.data or "",
        kind=form.org_kind.data or "", region_code=form.org_region.data or "")
    try:
        return services.create_organisation(db.session, data).id
    except ValidationFailed as exc:
        raise ValidationFailed({ORG_ALIASES.get(k, k): v for k, v in exc.fields.items()}) from exc


def _create_user(form: RegisterForm, org_id: int | None) -> User:
    data = services.UserInput(
        email=form.email.data, display_name=form.display_name.data,
        password=form.password.data, role=form.role.data, org_id=org_id,
        phone=form.phone.data or "")
    try:
        return services.create_user(db.session, data, email_confirmed=False)
    except ValidationFailed as exc:
        # With a new organisation, a role/organisation mismatch is about its kind.
        key = "org_kind" if form.org_mode.data == "new" else "org_id"
        raise ValidationFailed({key if k == "org_id" else k: v
                                for k, v in exc.fields.items()}) from exc


def _join_or_found(user: User, org_id: int, founded: bool) -> None:
    """A new organisation's registrant is its first member (the organisation waits for
    verification); joining an existing one is a request its administrator decides."""
    org = db.session.get(Organisation, org_id)
    if founded:
        memberships.founder_membership(db.session, user, org)
        return
    user.org_id = None
    memberships.request_membership(db.session, user, org, user.role)


def _audit_refusal(form: RegisterForm, fields) -> None:
    """A refused registration: who tried (the email given) and which fields were at fault."""
    names = sorted(fields)
    audit.record(db.session, None, "registration.refuse",
                 summary=f"{(form.email.data or '')[:100]}：{'、'.join(names)}", fields=names)
    db.session.commit()


def register_account(form: RegisterForm) -> None:
    """Create the organisation (if new) and the user, and email the link that confirms
    the address; nothing is kept if either fails. A taken address keeps nothing either,
    and its owner is told by email instead: the visitor sees the same answer. Refused
    registrations are audited (the fields at fault, never the password)."""
    founded = form.org_mode.data == "new"
    try:
        org_id = _create_organisation(form) if founded else int(form.org_id.data)
        user = _create_user(form, org_id)
        _join_or_found(user, org_id, founded)
    except ValidationFailed as exc:
        db.session.rollback()
        _audit_refusal(form, exc.fields)
        raise
    except services.EmailTaken as taken:
        db.session.rollback()
        emails.send_already_registered(db.session, taken.user)
    else:
        emails.send_confirm_link(db.session, user)
    db.session.commit()


@routes.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.profile"))
    form = _new_form()
    if not form.validate_on_submit():
        if form.errors:
            _audit_refusal(form, form.errors)
        return render_template("accounts/register.html", form=form), 422 if form.errors else 200
    try:
        register_account(form)
    except ValidationFailed as exc:
        problems = apply_errors(form, exc.fields)
        return render_template("accounts/register.html", form=form, problems=problems), 422
    return redirect(url_for("accounts.mail_sent", why="register"))
