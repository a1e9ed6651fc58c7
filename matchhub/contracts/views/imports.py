"""The contract import page: upload a CSV/XLSX file, which is imported in the background
(an import job); the job's page shows its progress, polling a small JSON endpoint, then the
counts and re-import outcomes or the per-row, per-column error table (nothing written).
A file whose headers are not the template's (nor a chosen saved map's) goes to the
column-mapping step first. Download the XLSX template."""

from flask import abort, jsonify, render_template, url_for
from flask_login import current_user, login_required

from matchhub.contracts import access
from matchhub.contracts.forms import ContractImportForm
from matchhub.contracts.imports import MAP_KIND, SPEC
from matchhub.contracts.views.import_mapping import queued, stage_upload
from matchhub.core.current_user import me
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.imports.files import UnsupportedFile
from matchhub.imports.jobs import create_job, job_status, visible_job
from matchhub.imports.map_options import chosen_map
from matchhub.imports.report import ImportFailed
from matchhub.imports.saved_maps import list_maps
from matchhub.imports.web import read_upload, template_response

routes = RouteTable()


def _require_importer() -> None:
    if not access.can_import(current_user):
        abort(403)


@routes.route("/import", methods=["GET", "POST"])
@login_required
def import_page():
    _require_importer()
    form = ContractImportForm()
    form.map_name.choices = [("", "不使用"), *((m.name, m.name) for m in
                                               list_maps(db.session, me(), MAP_KIND))]
    if not form.validate_on_submit():
        return _render(form, 422 if form.errors else 200)
    corrections = bool(form.apply_corrections.data)
    filename, data = read_upload(form.file.data)
    try:
        columns = chosen_map(db.session, me(), SPEC, MAP_KIND,
                             saved_name=form.map_name.data or None)
        job = create_job(db.session, "contracts", me(), filename, data, "web", columns,
                         {"apply_corrections": corrections})
    except ImportFailed as exc:  # headers to map: the column-mapping step
        db.session.rollback()
        if exc.report.mapping is None:
            raise
        return stage_upload(corrections, filename, data)
    except (UnsupportedFile, ValidationFailed) as exc:
        db.session.rollback()
        form.file.errors = [*form.file.errors, *exc.fields.get("file", [exc.message])]
        return _render(form, exc.status)
    return queued(job.id)


def _render(form: ContractImportForm, status: int):
    return render_template("contracts/import.html", form=form, max_rows=SPEC.max_rows), status


@routes.get("/import/jobs/<int:job_id>")
@login_required
def import_job(job_id: int):
    job = visible_job(db.session, me(), job_id)
    db.session.commit()  # a job found stale is failed for good
    status_url = url_for("contracts.import_job_status", job_id=job.id)
    return render_template("contracts/import_job.html", job=job, report=job.report,
                           status_url=status_url)


@routes.get("/import/jobs/<int:job_id>/status")
@login_required
def import_job_status(job_id: int):
    job = visible_job(db.session, me(), job_id)
    db.session.commit()
    return jsonify(job_status(job, url_for("contracts.import_job", job_id=job.id)))


@routes.get("/import/template.xlsx")
@login_required
def import_template():
    _require_importer()
    return template_response(SPEC, "xlsx", "技术合同导入模板.xlsx", "contract-import-template.xlsx")
