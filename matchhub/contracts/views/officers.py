"""The platform administrator's page of registry officers (/contracts/officers): who
registers contracts for which zone, appoint and remove (both audited)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from matchhub.contracts import officers
from matchhub.contracts.forms import OfficerForm
from matchhub.core.current_user import me
from matchhub.core.errors import Conflict, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.regions import zones
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _require_platform_admin() -> None:
    if current_user.role != "platform_admin":
        abort(403)


def _render(form: OfficerForm, status: int = 200, problems=()):
    return render_template("contracts/officers.html", form=form, zones=zones(),
                           officers=officers.current(db.session),
                           problems=list(problems)), status


def _appoint(form: OfficerForm):
    user = officers.find_user(db.session, form.email.data)
    try:
        officers.appoint(db.session, me(), user, form.zone_code.data, form.office_name.data)
    except ValidationFailed as exc:
        db.session.rollback()
        fields = {("email" if key == "user" else key): msgs for key, msgs in exc.fields.items()}
        return _render(form, 422, apply_errors(form, fields))
    except Conflict as exc:
        db.session.rollback()
        return _render(form, 409, [exc.message])
    db.session.commit()
    flash("已任命技术合同登记员", "success")
    return redirect(url_for("contracts.officer_list"))


@routes.route("/officers", methods=["GET", "POST"])
@login_required
def officer_list():
    _require_platform_admin()
    form = OfficerForm()
    if not form.is_submitted():
        return _render(form)
    if not form.validate():
        return _render(form, 422)
    return _appoint(form)


@routes.post("/officers/<int:officer_id>/removal")
@login_required
def officer_removal(officer_id: int):
    _require_platform_admin()
    officers.remove(db.session, me(), officer_id)
    db.session.commit()
    flash("已免去该技术合同登记员", "info")
    return redirect(url_for("contracts.officer_list"))
