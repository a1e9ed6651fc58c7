"""API schemas of the zones: the report's query arguments and its JSON shape
(``YearReport.as_dict()``)."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from matchhub.core.regions import zones
from matchhub.zones.statistics.periods import PeriodError, period_from


class ReportArgsSchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    half = fields.Integer(validate=validate.Range(1, 2),
                          metadata={"description": "half-year (1 or 2)"})
    quarter = fields.Integer(validate=validate.Range(1, 4),
                             metadata={"description": "quarter (1-4)"})
    to = fields.Date(metadata={"description": "year to this date (in the year)"})
    zone = fields.String(validate=validate.OneOf(list(zones())),
                         metadata={"description": "one zone's code (GB/T 2260)"})

    @validates_schema
    def one_period(self, data, **_kwargs):
        """At most one of half, quarter and to; ``to`` within the year."""
        try:
            period_from(data["year"], data.get("half"), data.get("quarter"), data.get("to"))
        except PeriodError as error:
            raise ValidationError({error.field: [str(error)]}) from None
        except KeyError:
            return


class ZoneReportSchema(Schema):
    code = fields.String()
    name = fields.String()
    indicators = fields.Dict(keys=fields.String(), values=fields.Dict())


class ReportSchema(Schema):
    year = fields.Integer()
    period = fields.Dict(metadata={"description": "kind, key, label, start, end, previous "
                                                  "(the same period of the previous year)"})
    generated_at = fields.String()
    zones = fields.List(fields.Nested(ZoneReportSchema))
    province = fields.Nested(ZoneReportSchema)
    unzoned = fields.Dict()
