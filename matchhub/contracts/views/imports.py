"""The contract import page: upload a CSV/XLSX file, see created/unchanged counts or the
per-row, per-column error table (nothing written); download the XLSX template."""

from urllib.parse import quote

from flask import Response, abort, render_template
from flask_login import current_user, login_required

from matchhub.audit.imports import run_audited
from matchhub.catalog.import_files import UnsupportedFile
from matchhub.contracts import access as permissions
from matchhub.contracts.forms import ContractImportForm
from matchhub.contracts.import_template import XLSX_TYPE, xlsx_template
from matchhub.contracts.importer import ContractImportFailed, ContractImportReport, import_contracts
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _require_importer() -> None:
    if not permissions.can_import(current_user):
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
    if not form.validate_on_submit():
        return _render(form, status=422 if form.errors else 200)
    user, filename, data = me(), form.file.data.filename or "", form.file.data.read()
    try:
        report = run_audited(db.session, user, "import.contracts", filename, "web",
                             lambda: import_contracts(db.session, user, filename, data,
                                                      today=today()))
    except ContractImportFailed as exc:
        db.session.rollback()
        return _render(form, exc.report, failed=True, status=422)
    except (UnsupportedFile, ValidationFailed) as exc:
        db.session.rollback()
        form.file.errors = [*form.file.errors, *exc.fields.get("file", [exc.message])]
        return _render(form, status=exc.status)
    db.session.commit()
    return _render(form, report)


@routes.get("/import/template.xlsx")
@login_required
def import_template():
    _require_importer()
    disposition = ("attachment; filename=contract-import-template.xlsx; "
                   f"filename*=UTF-8''{quote('技术合同导入模板.xlsx')}")
    return Response(xlsx_template(), content_type=XLSX_TYPE,
                    headers={"Content-Disposition": disposition})
