"""API schemas of the zones: the report's query arguments and its JSON shape
(``YearReport.as_dict()``)."""

from marshmallow import Schema, fields, validate

from matchhub.core.regions import zones


class ReportArgsSchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    zone = fields.String(validate=validate.OneOf(list(zones())),
                         metadata={"description": "one zone's code (GB/T 2260)"})


class ZoneReportSchema(Schema):
    code = fields.String()
    name = fields.String()
    indicators = fields.Dict(keys=fields.String(), values=fields.Dict())


class ReportSchema(Schema):
    year = fields.Integer()
    generated_at = fields.String()
    zones = fields.List(fields.Nested(ZoneReportSchema))
    province = fields.Nested(ZoneReportSchema)
    unzoned = fields.Dict()
