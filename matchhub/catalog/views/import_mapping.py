"""The column-mapping step of the batch import page (/imports), for achievement and need
files whose headers are not the template's, and the saved column maps of both kinds.
The upload is kept (imports.staging) until it is imported or expires."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from matchhub.audit.imports import run_audited
from matchhub.catalog.access import can_create
from matchhub.catalog.forms import ImportForm
from matchhub.catalog.imports import ITEM_TYPES, SPECS, import_file, map_kind
from matchhub.catalog.services import ITEM_LABELS
from matchhub.core.clock import today
from matchhub.core.errors import DomainError, NotFound, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.imports import ImportFailed, staging
from matchhub.imports.column_map import ColumnMap
from matchhub.imports.map_options import remember
from matchhub.imports.mapping_step import read_choice, step_context
from matchhub.imports.preview import read_head
from matchhub.imports.saved_maps import delete_map, get_map, list_maps
from matchhub.imports.templates import BUILDERS

routes = RouteTable()


def _require(item_type: str) -> None:
    if item_type not in ITEM_TYPES:
        abort(404)
    if not can_create(current_user, item_type):
        abort(403)


def stage_upload(item_type: str, submit: bool, filename: str, data: bytes):
    """The upload page's answer to unknown headers: keep the file, open the step."""
    token = staging.stage(current_app.config["DATA_DIR"], current_user.id, map_kind(item_type),
                          filename, data)
    return redirect(url_for("imports.mapping", item_type=item_type, token=token,
                            submit=int(submit)))


def _staged(item_type: str, token: str) -> staging.StagedFile:
    try:
        return staging.load(current_app.config["DATA_DIR"], current_user.id,
                            map_kind(item_type), token)
    except NotFound:
        abort(404)


def _saved(item_type: str, name: str) -> ColumnMap | None:
    try:
        return dict(get_map(db.session, current_user, map_kind(item_type), name).columns)
    except ValidationFailed:
        return None


def _render(item_type: str, staged, chosen: ColumnMap | None, status: int = 200,
            report=None, save_name: str = ""):
    table = read_head(staged.filename, staged.data)
    context = step_context(SPECS[item_type], table, chosen)
    saved = list_maps(db.session, current_user, map_kind(item_type))
    return render_template("imports/mapping.html", staged=staged, report=report,
                           item_label=ITEM_LABELS[item_type], noun="数据",
                           back_url=url_for("imports.index"), maps_url=url_for("imports.maps"),
                           save_name=save_name, saved_maps=saved, **context), status


@routes.route("/map/<item_type>/<token>", methods=["GET", "POST"])
@login_required
def mapping(item_type: str, token: str):
    _require(item_type)
    staged = _staged(item_type, token)
    if request.method == "GET":
        use = request.args.get("use")
        return _render(item_type, staged, _saved(item_type, use) if use else None)
    chosen = read_choice(SPECS[item_type], request.form)
    save_name = request.form.get("save_name", "").strip()
    if request.form.get("action") != "import":
        return _render(item_type, staged, chosen, save_name=save_name)
    return _confirm(item_type, staged, chosen, save_name)


def _confirm(item_type: str, staged, chosen: ColumnMap, save_name: str):
    submit = request.args.get("submit") == "1"
    try:
        report = run_audited(
            db.session, current_user, "import.catalog", staged.filename, "web",
            lambda: import_file(db.session, current_user, item_type, staged.filename,
                                staged.data, today=today(), submit=submit, column_map=chosen,
                                default_validity=current_app.config["LISTING_VALIDITY_DAYS"]),
            item_type=item_type)
        remember(db.session, current_user, map_kind(item_type), save_name, chosen)
    except ImportFailed as exc:
        db.session.rollback()
        return _render(item_type, staged, chosen, 422, exc.report, save_name)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _render(item_type, staged, chosen, exc.status, save_name=save_name)
    db.session.commit()
    staging.discard(current_app.config["DATA_DIR"], staged.token)
    form = ImportForm(formdata=None)
    form.item_type.choices = [(item_type, ITEM_LABELS[item_type])]
    return render_template("imports/index.html", form=form, report=report,
                           labels=ITEM_LABELS, formats=list(BUILDERS))


@routes.get("/maps")
@login_required
def maps():
    types = [t for t in ITEM_TYPES if can_create(current_user, t)]
    if not types:
        abort(403)
    saved = [(ITEM_LABELS[t], m) for t in types
             for m in list_maps(db.session, current_user, map_kind(t))]
    return render_template("imports/maps.html", saved=saved, title_label="批量导入",
                           hint=None, delete_endpoint="imports.delete",
                           back_url=url_for("imports.index"))


@routes.post("/maps/<int:map_id>/delete")
@login_required
def delete(map_id: int):
    if not any(can_create(current_user, t) for t in ITEM_TYPES):
        abort(403)
    try:
        delete_map(db.session, current_user, map_id)
    except NotFound:
        abort(404)
    db.session.commit()
    flash("已删除列映射", "success")
    return redirect(url_for("imports.maps"))
