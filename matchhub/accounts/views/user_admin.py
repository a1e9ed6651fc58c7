"""Platform administration of users: /admin/users (list with filters), /admin/users/<id>
(change the role, activate or deactivate). Every change is audited by the service."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms import SelectField
from wtforms.validators import DataRequired, Optional

from matchhub.accounts import administration
from matchhub.accounts.models import Organisation, User
from matchhub.core.args import page_arg
from matchhub.core.errors import Conflict, PermissionDenied, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import BaseForm, apply_errors, options
from matchhub.core.regions import zones
from matchhub.core.route_table import RouteTable
from matchhub.core.vocabularies import vocabulary

routes = RouteTable()
STATES = {"active": True, "inactive": False, "all": None}


class RoleForm(BaseForm):
    role = SelectField("角色", validators=[DataRequired("请选择角色")])
    org_id = SelectField("所属机构", validators=[Optional()], validate_choice=False,
                         coerce=lambda value: int(value) if str(value or "").isdigit() else None,
                         description="机构用户必填；不选则保留当前机构。")
    zone_code = SelectField("示范区", validators=[Optional()],
                            description="仅示范区管理员需要。")


def _role_form(user: User) -> RoleForm:
    form = RoleForm(data={"role": user.role, "org_id": user.org_id,
                          "zone_code": user.zone_code or ""})
    form.role.choices = options(vocabulary("roles").choices())
    form.org_id.choices = options(_organisation_choices(), blank="（保留当前机构）")
    form.zone_code.choices = options([(c, z.name) for c, z in zones().items()], blank="—")
    return form


def _organisation_choices() -> list[tuple[str, str]]:
    """Organisations by name, so the administrator picks one instead of typing its number."""
    kinds = vocabulary("org_kinds")
    rows = db.session.execute(select(Organisation.id, Organisation.name, Organisation.kind)
                              .order_by(Organisation.name))
    return [(str(org_id), f"{name}（{kinds.label(kind)}）") for org_id, name, kind in rows]


def _require_platform_admin() -> None:
    if current_user.role != "platform_admin":
        abort(403)


@routes.get("/admin/users")
@login_required
def users():
    _require_platform_admin()
    q, role = request.args.get("q", ""), request.args.get("role", "")
    state = request.args.get("state", "all")
    if role not in vocabulary("roles"):
        role = ""
    stmt = administration.users_query(q, role, STATES.get(state))
    page = db.paginate(stmt, page=page_arg(), per_page=50,
                       error_out=False)
    return render_template("accounts/users_admin.html", page=page, q=q, role=role,
                           state=state if state in STATES else "all",
                           roles=vocabulary("roles").choices())


def _render_user(user: User, form: RoleForm, status: int = 200, problems=()):
    return render_template("accounts/user_admin.html", user=user, form=form,
                           problems=problems), status


@routes.get("/admin/users/<int:user_id>")
@login_required
def user_detail(user_id: int):
    _require_platform_admin()
    user = db.get_or_404(User, user_id)
    return _render_user(user, _role_form(user))


@routes.post("/admin/users/<int:user_id>/role")
@login_required
def change_role(user_id: int):
    _require_platform_admin()
    user = db.get_or_404(User, user_id)
    form = _role_form(user)
    if not form.validate_on_submit():
        return _render_user(user, form, 422)
    change = administration.RoleChange(form.role.data, form.org_id.data,
                                       form.zone_code.data or None)
    try:
        administration.change_role(db.session, current_user, user, change)
    except ValidationFailed as exc:
        db.session.rollback()
        return _render_user(user, form, 422, apply_errors(form, exc.fields))
    except (Conflict, PermissionDenied) as exc:
        db.session.rollback()
        return _render_user(user, form, exc.status, [exc.message])
    db.session.commit()
    flash(f"已变更角色：{user.email} → {vocabulary('roles').label(user.role)}", "success")
    return redirect(url_for("accounts.user_detail", user_id=user.id))


@routes.post("/admin/users/<int:user_id>/active")
@login_required
def set_active(user_id: int):
    _require_platform_admin()
    user = db.get_or_404(User, user_id)
    value = request.form.get("active")
    if value not in {"0", "1"}:
        return _render_user(user, _role_form(user), 422, ["active：应为 1（启用）或 0（停用）"])
    try:
        administration.set_active(db.session, current_user, user, value == "1")
    except (Conflict, PermissionDenied) as exc:
        db.session.rollback()
        return _render_user(user, _role_form(user), exc.status, [exc.message])
    db.session.commit()
    flash(f"已{'启用' if user.active else '停用'}账号：{user.email}", "success")
    return redirect(url_for("accounts.user_detail", user_id=user.id))
