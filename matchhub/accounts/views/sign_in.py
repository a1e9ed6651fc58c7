"""Signing in and out."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from matchhub.accounts import services
from matchhub.accounts.forms import LoginForm
from matchhub.audit import services as audit
from matchhub.core.extensions import db
from matchhub.core.forms import safe_next
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _after_login_target() -> str:
    return safe_next(request.args.get("next")) or url_for("workbench.workbench")


@routes.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(_after_login_target())
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("accounts/login.html", form=form), 422 if form.errors else 200
    user = services.authenticate(db.session, form.email.data, form.password.data)
    if user is None:
        audit.record(db.session, None, "login.failure", summary=form.email.data or "")
        db.session.commit()
        form.password.errors.append("邮箱或密码错误，或账号已停用")
        return render_template("accounts/login.html", form=form), 422
    if not user.email_confirmed:  # only one who knows the password learns this
        form.email.errors.append("邮箱尚未验证：请打开注册邮件中的验证链接")
        return render_template("accounts/login.html", form=form), 422
    audit.record(db.session, user, "login.success", user, user.email)
    db.session.commit()  # keep a rehashed password and the audit entry
    login_user(user, remember=form.remember.data)
    flash(f"欢迎回来，{user.display_name}", "success")
    return redirect(_after_login_target())


@routes.post("/logout")
def logout():
    # CSRFProtect has already checked the token of this POST.
    logout_user()
    flash("已退出登录", "info")
    return redirect(url_for("site.home"))

