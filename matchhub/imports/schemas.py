"""API shapes every import endpoint shares: the uploaded file, a row error, the 422
body of a refused import, and an import job as a poll answers it."""

from flask_smorest.fields import Upload
from marshmallow import Schema, fields


class UploadSchema(Schema):
    file = Upload(required=True, error_messages={"required": "请上传 .csv 或 .xlsx 文件"},
                  metadata={"description": "CSV (UTF-8 / UTF-8 BOM / GBK) or XLSX"})


class RowErrorSchema(Schema):
    row = fields.Integer(metadata={"description": "spreadsheet row number; the header row is 1"})
    field = fields.String(metadata={"description": "the Chinese column header, if any"})
    message = fields.String()


class ImportErrorSchema(Schema):
    code = fields.String(metadata={"example": "validation_failed"})
    message = fields.String()
    field_errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                               data_key="fields", metadata={"example": {"file": ["导入失败"]}})
    rows = fields.List(fields.Nested(RowErrorSchema),
                       metadata={"description": "per-row errors; nothing was imported"})
    total = fields.Integer()


class ImportFailureSchema(Schema):
    error = fields.Nested(ImportErrorSchema)


class ImportJobSchema(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"example": "contracts"})
    filename = fields.String()
    status = fields.String(metadata={"description": "queued | running | succeeded | failed"})
    phase = fields.String(metadata={"description": "checking | writing, while running"})
    rows_done = fields.Integer(metadata={"description": "rows checked (then written) so far"})
    rows_total = fields.Integer(allow_none=True, metadata={
        "description": "data rows: the file's own count until the rows are read; null if unknown"})
    report = fields.Dict(allow_none=True, metadata={
        "description": "the import report once finished (a failed import: its row errors)"})
    error = fields.String(metadata={"description": "why a failed job wrote nothing"})
    url = fields.String(metadata={"description": "where to poll this job"})
    created_at = fields.String(allow_none=True)
    started_at = fields.String(allow_none=True)
    finished_at = fields.String(allow_none=True)
