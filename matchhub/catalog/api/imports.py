"""JSON API for batch imports: POST /api/v1/imports/<item_type> with a CSV or XLSX file."""

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import fields

from matchhub.api.auth import require_scope
from matchhub.audit.imports import run_audited
from matchhub.catalog.imports import (
    ITEM_TYPES,
    SPECS,
    CatalogImportReport,
    import_file,
    map_kind,
)
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.imports.map_options import chosen_map, remember
from matchhub.imports.schemas import (
    ColumnNotesSchema,
    ImportFailureSchema,
    MapOptionsSchema,
    RowErrorSchema,
    UploadSchema,
)
from matchhub.imports.web import api_import

BEARER = [{"bearerAuth": []}]

blp = Blueprint("api_imports", __name__, url_prefix="/api/v1/imports",
                description="批量导入成果与需求（CSV / XLSX，中文表头，整批导入）")


class ImportOptionsSchema(MapOptionsSchema):
    submit = fields.Boolean(load_default=False,
                            metadata={"description": "submit every created item for review"})


class ImportReportSchema(ColumnNotesSchema):
    item_type = fields.String()
    total = fields.Integer(metadata={"description": "data rows in the file (blank rows skipped)"})
    created = fields.Integer()
    submitted = fields.Boolean()
    ids = fields.List(fields.Integer())
    errors = fields.List(fields.Nested(RowErrorSchema))


@blp.before_request
def _authenticate() -> None:
    """Token and scope first, so an anonymous upload is refused before it is parsed."""
    require_scope("catalog:write")


@blp.route("/<item_type>")
class Imports(MethodView):
    @blp.arguments(ImportOptionsSchema, location="form")
    @blp.arguments(UploadSchema, location="files")
    @blp.response(201, ImportReportSchema)
    @blp.alt_response(422, schema=ImportFailureSchema,
                      description="A bad file, header or row: nothing was imported; "
                                  "error.rows lists each bad row and column.")
    @blp.alt_response(415, description="Not a .csv or .xlsx file (by extension and content).")
    @blp.alt_response(413, description="Larger than MAX_CONTENT_LENGTH.")
    @blp.doc(security=BEARER)
    def post(self, options, files, item_type):
        """Import achievements or needs (item_type: achievement | need); all rows or none."""
        if item_type not in ITEM_TYPES:
            abort(404, message="导入类型应为 achievement 或 need")
        user = require_scope("catalog:write")
        kind = map_kind(item_type)
        columns = chosen_map(db.session, user, SPECS[item_type], kind, options["mapping"],
                             options["map_name"])

        def run(filename: str, data: bytes) -> CatalogImportReport:
            report = run_audited(
                db.session, user, "import.catalog", filename, "api",
                lambda: import_file(db.session, user, item_type, filename, data, today=today(),
                                    submit=options["submit"], column_map=columns,
                                    default_validity=current_app.config["LISTING_VALIDITY_DAYS"]),
                item_type=item_type)
            remember(db.session, user, kind, options["save_map"], columns)
            return report

        return api_import(files["file"], run)
