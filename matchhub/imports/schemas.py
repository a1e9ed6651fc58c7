"""API shapes every import endpoint shares: the uploaded file, a row error, and the 422
body of a refused import."""

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
