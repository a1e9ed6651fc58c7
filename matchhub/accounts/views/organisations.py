"""Platform administration: verifying organisations (机构认证)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from matchhub.accounts import services
from matchhub.accounts.models import Organisation
from matchhub.core.args import page_arg
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _require_platform_admin() -> None:
    if current_user.role != "platform_admin":
        abort(403)


@routes.get("/admin/organisations")
@login_required
def organisations():
    _require_platform_admin()
    show = request.args.get("show", "unverified")
    stmt = select(Organisation).order_by(Organisation.verified, Organisation.id.desc())
    if show == "unverified":
        stmt = stmt.where(Organisation.verified.is_(False))
    page = db.paginate(stmt, page=page_arg(), per_page=50,
                       error_out=False)
    return render_template("accounts/organisations_admin.html", page=page, show=show)


@routes.post("/admin/organisations/<int:org_id>/verification")
@login_required
def verify(org_id: int):
    _require_platform_admin()
    org = db.get_or_404(Organisation, org_id)
    verified = request.form.get("verified") == "1"
    services.set_verified(db.session, current_user, org, verified)
    db.session.commit()
    flash(f"已{'认证' if verified else '取消认证'}：{org.name}", "success")
    return redirect(url_for("accounts.organisations", show=request.form.get("show", "unverified")))
