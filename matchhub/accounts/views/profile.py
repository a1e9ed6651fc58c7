"""The signed-in user's profile and API tokens."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from matchhub.accounts import tokens
from matchhub.accounts.forms import TokenForm
from matchhub.accounts.models import ApiToken
from matchhub.catalog.access import can_review_anything
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.route_table import RouteTable

routes = RouteTable()


@routes.get("/account")
@login_required
def profile():
    return render_template("accounts/profile.html", user=current_user)


def _token_form(blank: bool = False) -> TokenForm:
    form = TokenForm(formdata=None) if blank else TokenForm()
    form.set_scopes(reviewer=can_review_anything(current_user))
    return form


def _render_tokens(form: TokenForm, status: int = 200, secret: str | None = None):
    rows = db.session.scalars(select(ApiToken).where(ApiToken.user_id == current_user.id)
                              .order_by(ApiToken.id.desc())).all()
    body = render_template("accounts/tokens.html", form=form, tokens=rows, secret=secret,
                           scope_labels=tokens.SCOPES)
    # The secret is shown once: keep the page out of every cache.
    return body, status, {"Cache-Control": "no-store"}


@routes.get("/account/tokens")
@login_required
def token_list():
    return _render_tokens(_token_form())


@routes.post("/account/tokens")
@login_required
def token_issue():
    form = _token_form()
    if not form.validate_on_submit():
        return _render_tokens(form, 422)
    try:
        token, secret = tokens.issue_token(db.session, current_user, form.name.data,
                                           form.scopes.data)
    except ValidationFailed as exc:
        db.session.rollback()
        apply_errors(form, exc.fields)
        return _render_tokens(form, 422)
    db.session.commit()
    flash(f"已创建令牌「{token.name}」。请立即复制密钥，离开本页后将无法再次查看。", "success")
    return _render_tokens(_token_form(blank=True), 201, secret=secret)


@routes.post("/account/tokens/<int:token_id>/revoke")
@login_required
def token_revoke(token_id: int):
    if not tokens.revoke_token(db.session, current_user, token_id):
        abort(404)
    db.session.commit()
    flash("令牌已吊销", "info")
    return redirect(url_for("accounts.token_list"))
