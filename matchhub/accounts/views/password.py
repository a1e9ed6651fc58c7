"""Passwords and sessions of the signed-in user (change the password, sign out
everywhere) and, for visitors, resetting a forgotten password by an emailed link."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, login_user, logout_user

from matchhub.accounts import credentials, emails, links
from matchhub.accounts.forms import ChangePasswordForm, ForgotPasswordForm, ResetPasswordForm
from matchhub.accounts.services import normalise_email
from matchhub.audit import services as audit
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _keep_this_session(user) -> None:
    """Re-issue this browser's cookie with the user's new session version."""
    login_user(user)


@routes.route("/account/password", methods=["GET", "POST"])
@login_required
def password_change():
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return render_template("accounts/password_change.html", form=form), \
            422 if form.errors else 200
    user = current_user._get_current_object()
    try:
        credentials.change_password(db.session, user, form.current_password.data,
                                    form.new_password.data)
    except ValidationFailed as exc:
        db.session.rollback()
        problems = apply_errors(form, exc.fields)
        return render_template("accounts/password_change.html", form=form,
                               problems=problems), 422
    db.session.commit()
    _keep_this_session(user)
    flash("密码已修改。其他设备上的登录和全部 API 令牌已失效。", "success")
    return redirect(url_for("accounts.profile"))


@routes.post("/account/sessions/revoke")
@login_required
def sign_out_everywhere():
    user = current_user._get_current_object()
    credentials.sign_out_everywhere(db.session, user)
    db.session.commit()
    _keep_this_session(user)
    flash("已退出所有其他设备上的登录（含“保持登录”）。", "success")
    return redirect(url_for("accounts.profile"))


@routes.route("/password/forgot", methods=["GET", "POST"])
def password_forgot():
    form = ForgotPasswordForm()
    if not form.validate_on_submit():
        return render_template("accounts/password_forgot.html", form=form), \
            422 if form.errors else 200
    email = normalise_email(form.email.data)
    user = credentials.find_active_user(db.session, email)
    if user is not None:
        emails.send_reset_link(db.session, user)
    # Audited (and committed) either way: the same answer, after about the same work,
    # whether or not the address has an account.
    audit.record(db.session, None, "password.reset_request", user, email)
    db.session.commit()
    return redirect(url_for("accounts.mail_sent", why="reset"))


def _reset_user(token: str):
    user = links.user_for_reset_token(db.session, current_app.config["SECRET_KEY"], token)
    if user is None:
        abort(404)
    return user


@routes.route("/password/reset/<token>", methods=["GET", "POST"])
def password_reset(token: str):
    user = _reset_user(token)
    form = ResetPasswordForm()
    if not form.validate_on_submit():
        return render_template("accounts/password_reset.html", form=form), \
            422 if form.errors else 200
    try:
        credentials.reset_password(db.session, user, form.new_password.data)
    except ValidationFailed as exc:
        db.session.rollback()
        problems = apply_errors(form, exc.fields)
        return render_template("accounts/password_reset.html", form=form,
                               problems=problems), 422
    db.session.commit()
    logout_user()
    flash("密码已重置，请用新密码登录。所有设备上的登录和 API 令牌均已失效。", "success")
    return redirect(url_for("accounts.login"))
