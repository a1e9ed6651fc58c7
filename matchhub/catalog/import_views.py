"""Web page for batch imports: upload a CSV/XLSX file, see the per-row report; templates."""

from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_login import current_user, login_required
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, RadioField, SubmitField

from matchhub.audit.imports import run_audited
from matchhub.catalog.access import can_create
from matchhub.catalog.import_files import UnsupportedFile
from matchhub.catalog.import_templates import CONTENT_TYPES, csv_template, xlsx_template
from matchhub.catalog.importer import ITEM_TYPES, ImportFailed, ImportReport, import_file
from matchhub.catalog.services import ITEM_LABELS
from matchhub.core.clock import today
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import BaseForm

bp = Blueprint("imports", __name__, url_prefix="/imports")
BUILDERS = {"csv": csv_template, "xlsx": xlsx_template}


class ImportForm(BaseForm):
    item_type = RadioField("导入类型")
    file = FileField("导入文件", validators=[
        FileRequired("请选择要上传的文件"),
        FileAllowed(["csv", "xlsx"], "仅支持 .csv 或 .xlsx 文件"),
    ], description="CSV（UTF-8 或 GBK 编码）或 Excel .xlsx，第 1 行为中文表头。")
    submit_for_review = BooleanField("导入后逐条提交审核")
    upload = SubmitField("上传并导入")


def _creatable() -> list[str]:
    return [t for t in ITEM_TYPES if can_create(current_user, t)]


def _render(form: ImportForm, report: ImportReport | None = None, status: int = 200):
    page = render_template("imports/index.html", form=form, report=report,
                           labels=ITEM_LABELS, formats=list(BUILDERS))
    return page, status


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    types = _creatable()
    if not types:
        abort(403)
    form = ImportForm()
    form.item_type.choices = [(t, ITEM_LABELS[t]) for t in types]
    if request.method == "GET":
        form.item_type.data = request.args.get("type") if request.args.get("type") in types \
            else types[0]
    if not form.validate_on_submit():
        return _render(form, status=422 if form.errors else 200)
    return _import(form)


def _import(form: ImportForm):
    upload, item_type = form.file.data, form.item_type.data
    filename, data = upload.filename or "", upload.read()
    try:
        report = run_audited(
            db.session, current_user, "import.catalog", filename, "web",
            lambda: import_file(db.session, current_user, item_type, filename, data,
                                today=today(), submit=form.submit_for_review.data,
                                default_validity=current_app.config["LISTING_VALIDITY_DAYS"]),
            item_type=item_type)
    except ImportFailed as exc:
        db.session.rollback()
        return _render(form, exc.report, 422)
    except (UnsupportedFile, ValidationFailed) as exc:
        db.session.rollback()
        form.file.errors = [*form.file.errors, *exc.fields.get("file", [exc.message])]
        return _render(form, status=exc.status)
    db.session.commit()
    return _render(form, report)


@bp.get("/templates/<item_type>.<fmt>")
def template(item_type: str, fmt: str):
    """An empty import file with the Chinese headers, generated on the fly."""
    if item_type not in ITEM_TYPES or fmt not in BUILDERS:
        abort(404)
    name = f"{ITEM_LABELS[item_type]}导入模板.{fmt}"
    return Response(BUILDERS[fmt](item_type), content_type=CONTENT_TYPES[fmt], headers={
        "Content-Disposition": _attachment(name, f"{item_type}-import-template.{fmt}")})


def _attachment(name: str, ascii_name: str) -> str:
    return f"attachment; filename={ascii_name}; filename*=UTF-8''{quote(name)}"
