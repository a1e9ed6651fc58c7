"""The column-mapping step of the contract import page, and the saved column maps.

A file whose headers are not the template's is kept (imports.staging) and the user matches
each field to one of its columns, with a preview of the first rows; confirming queues an
import job for the kept file carrying that map, and the map may be saved by name for the
next file.
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from matchhub.contracts import access
from matchhub.contracts.imports import MAP_KIND, SPEC, row_checks
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import DomainError, NotFound, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.imports import ImportFailed, ImportReport, staging
from matchhub.imports.column_map import ColumnMap
from matchhub.imports.jobs import create_job
from matchhub.imports.map_options import remember
from matchhub.imports.mapping_step import read_choice, step_context
from matchhub.imports.preview import read_head
from matchhub.imports.saved_maps import delete_map, get_map, list_maps
from matchhub.imports.worker import start_job

routes = RouteTable()


def _require_importer() -> None:
    if not access.can_import(current_user):
        abort(403)


def stage_upload(corrections: bool, filename: str, data: bytes):
    """The upload page's answer to unknown headers: keep the file, open the step."""
    token = staging.stage(current_app.config["DATA_DIR"], me().id, MAP_KIND, filename, data)
    return redirect(url_for("contracts.import_mapping", token=token, correct=int(corrections)))


def _staged(token: str) -> staging.StagedFile:
    try:
        return staging.load(current_app.config["DATA_DIR"], me().id, MAP_KIND, token)
    except NotFound:
        abort(404)


def _saved(name: str) -> ColumnMap | None:
    try:
        return dict(get_map(db.session, me(), MAP_KIND, name).columns)
    except ValidationFailed:
        return None


def _render(staged: staging.StagedFile, chosen: ColumnMap | None, status: int = 200,
            report: ImportReport | None = None, save_name: str = ""):
    table = read_head(staged.filename, staged.data)
    context = step_context(SPEC, table, chosen, row_checks(db.session, me(), today()))
    saved = list_maps(db.session, me(), MAP_KIND)
    return render_template("imports/mapping.html", staged=staged, report=report,
                           item_label="技术合同", noun="合同",
                           back_url=url_for("contracts.import_page"), maps_url=None,
                           save_name=save_name, saved_maps=saved, **context), status


@routes.route("/import/map/<token>", methods=["GET", "POST"])
@login_required
def import_mapping(token: str):
    _require_importer()
    staged = _staged(token)
    if request.method == "GET":
        use = request.args.get("use")
        return _render(staged, _saved(use) if use else None)
    chosen = read_choice(SPEC, request.form)
    save_name = request.form.get("save_name", "").strip()
    if request.form.get("action") != "import":
        return _render(staged, chosen, save_name=save_name)
    return _confirm(staged, chosen, save_name)


def _confirm(staged: staging.StagedFile, chosen: ColumnMap, save_name: str):
    """Queue the kept file's import job with the chosen map (saving it when named)."""
    user = me()
    try:
        job = create_job(db.session, "contracts", user, staged.filename, staged.data, "web",
                         chosen, {"apply_corrections": request.args.get("correct") == "1"})
        remember(db.session, user, MAP_KIND, save_name, chosen)
    except ImportFailed as exc:
        db.session.rollback()
        return _render(staged, chosen, 422, exc.report, save_name)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _render(staged, chosen, exc.status, save_name=save_name)
    staging.discard(current_app.config["DATA_DIR"], staged.token)
    return queued(job.id)


def queued(job_id: int):
    """Commit the queued job, start it and send the browser to its page."""
    db.session.commit()
    start_job(job_id)
    return redirect(url_for("contracts.import_job", job_id=job_id), 303)


@routes.get("/import/maps")
@login_required
def import_maps():
    _require_importer()
    maps = list_maps(db.session, me(), MAP_KIND)
    return render_template("imports/maps.html", saved=[(None, m) for m in maps],
                           title_label="技术合同导入",
                           hint="导入表头与模板不同的文件时，可在上传页选择这里的列映射。",
                           delete_endpoint="contracts.delete_import_map",
                           back_url=url_for("contracts.import_page"))


@routes.post("/import/maps/<int:map_id>/delete")
@login_required
def delete_import_map(map_id: int):
    _require_importer()
    try:
        delete_map(db.session, me(), map_id)
    except NotFound:
        abort(404)
    db.session.commit()
    flash("已删除列映射", "success")
    return redirect(url_for("contracts.import_maps"))
