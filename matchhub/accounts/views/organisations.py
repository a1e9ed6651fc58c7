"""Verifying organisations (机构认证): the platform (all) or a zone's administrators (the
organisations in their zone), against the uploaded licence."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from matchhub.accounts import services
from matchhub.accounts.models import Organisation
from matchhub.core.args import page_arg
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _require_verifier() -> None:
    if current_user.role not in {"platform_admin", "zone_admin"}:
        abort(403)


def _in_scope(stmt):
    """Zone administrators see the organisations of their zone (a 市州 code's prefix)."""
    if current_user.role == "zone_admin":
        return stmt.where(Organisation.region_code.like(f"{(current_user.zone_code or '')[:4]}%"))
    return stmt


@routes.get("/admin/organisations")
@login_required
def organisations():
    _require_verifier()
    show = request.args.get("show", "unverified")
    stmt = _in_scope(select(Organisation).order_by(Organisation.verified,
                                                   Organisation.id.desc()))
    if show == "unverified":
        stmt = stmt.where(Organisation.verified.is_(False))
    page = db.paginate(stmt, page=page_arg(), per_page=50,
                       error_out=False)
    return render_template("accounts/organisations_admin.html", page=page, show=show)


@routes.post("/admin/organisations/<int:org_id>/verification")
@login_required
def verify(org_id: int):
    _require_verifier()
    org = db.get_or_404(Organisation, org_id)
    verified = request.form.get("verified") == "1"
    services.set_verified(db.session, current_user, org, verified)  # 422 without a licence
    db.session.commit()
    flash(f"已{'认证' if verified else '取消认证'}：{org.name}", "success")
    return redirect(url_for("accounts.organisations", show=request.form.get("show", "unverified")))
