"""Web page for batch imports: upload a CSV/XLSX file, see the per-row report; templates."""

from functools import partial

from flask import abort, current_app, render_template, request
from flask_login import current_user, login_required

from matchhub.audit.imports import run_audited
from matchhub.catalog.access import can_create
from matchhub.catalog.forms import ImportForm
from matchhub.catalog.imports import ITEM_TYPES, SPECS, CatalogImportReport, import_file
from matchhub.catalog.services import ITEM_LABELS
from matchhub.catalog.views.import_mapping import stage_upload
from matchhub.contracts.access import can_import as can_import_contracts
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.imports.templates import BUILDERS
from matchhub.imports.web import template_response, upload_page

routes = RouteTable()


def _creatable() -> list[str]:
    return [t for t in ITEM_TYPES if can_create(current_user, t)]


def _render(form: ImportForm, report: CatalogImportReport | None = None, failed: bool = False,
            status: int = 200):
    page = render_template("imports/index.html", form=form, report=report,
                           labels=ITEM_LABELS, formats=list(BUILDERS))
    return page, status


@routes.route("/", methods=["GET", "POST"])
@login_required
def index():
    types = _creatable()
    if not types:
        return _other_imports()
    form = ImportForm()
    form.item_type.choices = [(t, ITEM_LABELS[t]) for t in types]
    if request.method == "GET":
        form.item_type.data = request.args.get("type") if request.args.get("type") in types \
            else types[0]
    if not form.validate_on_submit():
        return _render(form, status=422 if form.errors else 200)
    stage = partial(stage_upload, form.item_type.data, form.submit_for_review.data)
    return upload_page(form, partial(_import, form), partial(_render, form), on_headers=stage)


def _other_imports():
    """Those who may not publish listings (the platform and zone admins) import contracts:
    the page points them there instead of refusing."""
    if request.method != "GET" or not can_import_contracts(current_user):
        abort(403)
    return render_template("imports/other.html")


def _import(form: ImportForm, filename: str, data: bytes) -> CatalogImportReport:
    item_type = form.item_type.data
    return run_audited(
        db.session, current_user, "import.catalog", filename, "web",
        lambda: import_file(db.session, current_user, item_type, filename, data,
                            today=today(), submit=form.submit_for_review.data,
                            default_validity=current_app.config["LISTING_VALIDITY_DAYS"]),
        item_type=item_type)


@routes.get("/templates/<item_type>.<fmt>")
def template(item_type: str, fmt: str):
    """An empty import file with the Chinese headers, generated on the fly."""
    if item_type not in ITEM_TYPES or fmt not in BUILDERS:
        abort(404)
    return template_response(SPECS[item_type], fmt, f"{ITEM_LABELS[item_type]}导入模板.{fmt}",
                             f"{item_type}-import-template.{fmt}")
