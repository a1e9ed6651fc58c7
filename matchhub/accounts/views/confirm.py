"""After registering: the "check your mailbox" page (the same for a new and a taken
address) and the emailed link that confirms the address."""

from flask import abort, current_app, flash, redirect, render_template, url_for

from matchhub.accounts import links
from matchhub.audit import services as audit
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable

routes = RouteTable()
REASONS = {"register": "注册", "reset": "重置密码"}


@routes.get("/mail-sent/<why>")
def mail_sent(why: str):
    if why not in REASONS:
        abort(404)
    return render_template("accounts/mail_sent.html", why=why)


@routes.get("/register/confirm/<token>")
def confirm_email(token: str):
    user = links.user_for_confirm_token(db.session, current_app.config["SECRET_KEY"], token)
    if user is None:
        abort(404)
    user.email_confirmed = True
    audit.record(db.session, user, "email.confirm", user, user.email)
    db.session.commit()
    flash("邮箱已验证，请登录。", "success")
    return redirect(url_for("accounts.login"))
