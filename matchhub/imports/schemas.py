"""API shapes every import endpoint shares: the uploaded file, the column-map options, a
row error, the 422 body of a refused import, and an import job as a poll answers it."""

import json

from flask_smorest.fields import Upload
from marshmallow import Schema, ValidationError, fields


class UploadSchema(Schema):
    file = Upload(required=True, error_messages={"required": "请上传 .csv 或 .xlsx 文件"},
                  metadata={"description": "CSV (UTF-8 / UTF-8 BOM / GBK) or XLSX"})


class JSONObject(fields.Field):
    """A form field holding a JSON object (a column map: {"field": "file header"})."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            parsed = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            raise ValidationError("列映射应为 JSON 对象：{\"字段\": \"表头\"}") from None
        if not isinstance(parsed, dict):
            raise ValidationError("列映射应为 JSON 对象：{\"字段\": \"表头\"}")
        return parsed


class MapOptionsSchema(Schema):
    mapping = JSONObject(load_default=None, metadata={
        "description": "column map as JSON, field (template header or key) -> file header",
        "example": '{"合同登记编号": "登记编号", "成交额(元)": "成交金额(元)"}'})
    map_name = fields.String(load_default=None,
                             metadata={"description": "name of a saved column map to use"})
    save_map = fields.String(load_default=None, metadata={
        "description": "save the column map used under this name after a successful import"})


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
    mapping = fields.Dict(metadata={
        "description": "present when the headers are not the template's: 'suggested' "
                       "(field -> file header), 'headers', 'unknown' and 'missing'; resend "
                       "the file with a 'mapping'"})


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


class ColumnNotesSchema(Schema):
    """What every successful import adds about the file's columns."""

    ignored = fields.List(fields.String(), metadata={"description": "columns not imported"})
    warnings = fields.List(fields.Nested(RowErrorSchema), metadata={
        "description": "e.g. an ignored column that looks like a field"})
