"""API schemas of the zones: the report's query arguments and its JSON shape
(``YearReport.as_dict()``)."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from matchhub.core.regions import zones
from matchhub.core.schemas import UtcDateTime
from matchhub.zones.official.periods import CALIBERS, PERIODS
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


class OfficialArgsSchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))


class OfficialFigureInSchema(Schema):
    year = fields.Integer(required=True)
    period = fields.String(required=True, metadata={"enum": list(PERIODS)})
    caliber = fields.String(required=True, metadata={"enum": list(CALIBERS)})
    volume = fields.String(metadata={"description": "成交额, 元 as an exact decimal string"})
    contract_count = fields.Integer()
    published_on = fields.Date()
    source_note = fields.String(validate=validate.Length(max=2000))
    source_url = fields.String(validate=validate.Length(max=500))


def _money(value) -> str | None:
    return None if value is None else format(value, "f")


class PartSchema(Schema):
    count = fields.Integer()
    volume = fields.Function(lambda p: _money(p.volume))


class OfficialFigureSchema(Schema):
    id = fields.Integer()
    scope_code = fields.String()
    year = fields.Integer()
    period = fields.String()
    caliber = fields.String()
    volume = fields.Function(lambda f: _money(f.volume))
    contract_count = fields.Integer(allow_none=True)
    published_on = fields.Date(allow_none=True)
    source_note = fields.String()
    source_url = fields.String()
    evidence_name = fields.String()
    entered_by_id = fields.Integer(allow_none=True)
    entered_at = UtcDateTime()


class ComparisonSchema(Schema):
    figure = fields.Nested(OfficialFigureSchema)
    computed = fields.Nested(PartSchema)
    registered_elsewhere = fields.Nested(PartSchema, attribute="elsewhere")
    added_after = fields.Nested(PartSchema)
    corrected_after = fields.Nested(PartSchema)
    cancelled_after = fields.Nested(PartSchema)
    at_publication = fields.Nested(PartSchema)
    volume_difference = fields.Function(lambda c: _money(c.volume_difference))
    count_difference = fields.Integer(allow_none=True)
    unexplained_volume = fields.Function(lambda c: _money(c.unexplained_volume))
