"""API schemas of match cases: inputs (each write carries the version the caller saw) and
the case with its parties, brokers, plan and history."""

from marshmallow import Schema, fields, validate

from matchhub.cases.workflow import STATES, label
from matchhub.catalog.schemas import MONEY_META, MoneyField
from matchhub.core.money import format_money
from matchhub.core.routing import MAX_ID
from matchhub.core.schemas import PageArgsSchema, UtcDateTime, id_field, page_of

VERSION_META = {"description": "the case version the caller last read (optimistic locking); "
                               "an older version is a 409 conflict"}


class CaseListArgsSchema(PageArgsSchema):
    status = fields.String(validate=validate.OneOf(list(STATES)), metadata={"enum": list(STATES)})


class CaseOpenSchema(Schema):
    need_id = id_field(required=True)
    achievement_ids = fields.List(id_field(),
                                  load_default=list, validate=validate.Length(max=20))
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class CaseTransitionSchema(Schema):
    to = fields.String(required=True, validate=validate.OneOf(list(STATES)),
                       metadata={"enum": list(STATES)})
    version = fields.Integer(required=True, validate=validate.Range(min=0, max=MAX_ID),
                             metadata=VERSION_META)
    note = fields.String(load_default="", validate=validate.Length(max=2000))
    reason = fields.String(load_default="", validate=validate.Length(max=2000),
                           metadata={"description": "required for terminated"})


class CasePlanSchema(Schema):
    version = fields.Integer(required=True, validate=validate.Range(min=0, max=MAX_ID),
                             metadata=VERSION_META)
    next_action = fields.String(load_default="", validate=validate.Length(max=200))
    due_on = fields.Date(load_default=None, allow_none=True)
    agreed_amount = MoneyField(load_default=None, allow_none=True,
                               metadata={**MONEY_META, "description": "元"})


class CaseRouteSchema(Schema):
    need_id = id_field(required=True)
    broker_id = id_field(metadata={"description": "by hand; omit to route automatically"})


class CaseAchievementOutSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    owner_org_id = fields.Integer()


class CaseBrokerOutSchema(Schema):
    broker_id = fields.Integer()
    name = fields.Function(lambda link: link.broker.display_name)
    how = fields.String(metadata={"enum": ["self", "auto", "manual"]})


class CaseEventOutSchema(Schema):
    kind = fields.String()
    from_status = fields.String()
    to_status = fields.String()
    actor_id = fields.Integer(allow_none=True)
    note = fields.String()
    at = UtcDateTime()


class CaseOutSchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    status = fields.String(metadata={"enum": list(STATES)})
    status_label = fields.Function(lambda c: label(c.status))
    need_id = fields.Integer()
    achievements = fields.List(fields.Nested(CaseAchievementOutSchema))
    brokers = fields.List(fields.Nested(CaseBrokerOutSchema), attribute="broker_links")
    next_action = fields.String()
    due_on = fields.Date(allow_none=True)
    agreed_amount = MoneyField(allow_none=True, metadata=MONEY_META)
    agreed_amount_display = fields.Function(lambda c: format_money(c.agreed_amount))
    close_reason = fields.String()
    opened_at = UtcDateTime()
    signed_at = UtcDateTime(allow_none=True)
    closed_at = UtcDateTime(allow_none=True)


class CaseDetailSchema(CaseOutSchema):
    history = fields.List(fields.Nested(CaseEventOutSchema), attribute="events")


CasePageSchema = page_of(CaseOutSchema, "CasePageSchema")
