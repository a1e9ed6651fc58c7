"""The contract import page: upload a CSV/XLSX file, see created/unchanged counts or the
per-row, per-column error table (nothing written); download the XLSX template."""

from functools import partial

from flask import abort, render_template
from flask_login import current_user, login_required

from matchhub.audit.imports import run_audited
from matchhub.contracts import access
from matchhub.contracts.forms import ContractImportForm
from matchhub.contracts.imports import MAP_KIND, SPEC, ContractImportReport, import_contracts
from matchhub.contracts.views.import_mapping import stage_upload
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.imports.map_options import chosen_map
from matchhub.imports.saved_maps import list_maps
from matchhub.imports.web import template_response, upload_page

routes = RouteTable()


def _require_importer() -> None:
    if not access.can_import(current_user):
        abort(403)


def _render(form: ContractImportForm, report: ContractImportReport | None = None,
            failed: bool = False, status: int = 200):
    return render_template("contracts/import.html", form=form, report=report,
                           failed=failed), status


@routes.route("/import", methods=["GET", "POST"])
@login_required
def import_page():
    _require_importer()
    form = ContractImportForm()
    form.map_name.choices = [("", "不使用"), *((m.name, m.name) for m in
                                               list_maps(db.session, me(), MAP_KIND))]
    if not form.validate_on_submit():
        return _render(form, status=422 if form.errors else 200)
    run = partial(_import, form.map_name.data or None, form.apply_corrections.data)
    stage = partial(stage_upload, form.apply_corrections.data)
    return upload_page(form, run, partial(_render, form), on_headers=stage)


def _import(map_name: str | None, corrections: bool, filename: str,
            data: bytes) -> ContractImportReport:
    user = me()
    columns = chosen_map(db.session, user, SPEC, MAP_KIND, saved_name=map_name)
    return run_audited(db.session, user, "import.contracts", filename, "web",
                       lambda: import_contracts(db.session, user, filename, data, today=today(),
                                                column_map=columns,
                                                apply_corrections=corrections))


@routes.get("/import/template.xlsx")
@login_required
def import_template():
    _require_importer()
    return template_response(SPEC, "xlsx", "技术合同导入模板.xlsx", "contract-import-template.xlsx")
