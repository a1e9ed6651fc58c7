"""API schemas for matches and "not relevant" feedback. Matches list only public fields
of the recommended items."""

from marshmallow import Schema, fields, validate

from matchhub.matching.feedback import NOTE_MAX
from matchhub.matching.weights import feedback_reasons

MAX_LIMIT = 50


class MatchArgsSchema(Schema):
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=MAX_LIMIT),
                           metadata={"description": f"how many matches (1-{MAX_LIMIT})"})


class MatchReasonSchema(Schema):
    code = fields.String(metadata={"example": "maturity_met"})
    label = fields.String(metadata={"example": "成熟度满足（中试 ≥ 小试）"})
    weight = fields.Float(metadata={"description": "the factor's contribution to score"})


class MatchItemSchema(Schema):
    item_type = fields.String()
    id = fields.Integer()
    title = fields.String()
    url = fields.String()
    field = fields.String()
    region_code = fields.String()
    organisation = fields.String()
    score = fields.Float()
    reasons = fields.List(fields.Nested(MatchReasonSchema))
    highlights = fields.Dict(keys=fields.String(), values=fields.String(),
                             metadata={"description": "field -> escaped HTML with <mark>"})


class MatchListSchema(Schema):
    items = fields.List(fields.Nested(MatchItemSchema))


class FeedbackInSchema(Schema):
    reason = fields.String(required=True,
                           validate=validate.OneOf(feedback_reasons().codes),
                           metadata={"description": "、".join(
                               f"{c}={lbl}" for c, lbl in feedback_reasons().choices())})
    note = fields.String(load_default="", validate=validate.Length(max=NOTE_MAX))


class FeedbackOutSchema(Schema):
    id = fields.Integer()
    need_id = fields.Integer()
    achievement_id = fields.Integer()
    reason = fields.String()
    note = fields.String()


class ReasonCountSchema(Schema):
    code = fields.String()
    label = fields.String()
    count = fields.Integer()


class FeedbackSummarySchema(Schema):
    total = fields.Integer()
    reasons = fields.List(fields.Nested(ReasonCountSchema))
