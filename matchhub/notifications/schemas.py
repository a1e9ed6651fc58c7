"""API schemas for subscriptions and notifications."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from matchhub.core.schemas import PageArgsSchema, UtcDateTime, page_of
from matchhub.notifications.models import KINDS
from matchhub.notifications.services import ITEM_TYPES
from matchhub.search.core.query import MAX_QUERY_CHARS

AMOUNT = validate.Regexp(r"^\d{1,14}(\.\d{1,2})?$", error="金额格式应为 125000.00")


class SearchFiltersSchema(Schema):
    """The filters of a saved search, as the search page and GET /api/v1/search take them."""

    field = fields.String()
    mode = fields.String(metadata={"description": "transfer mode (合作方式)"})
    stage = fields.String()
    region = fields.String(validate=validate.Length(equal=6))
    price_min = fields.String(validate=AMOUNT)
    price_max = fields.String(validate=AMOUNT)


THRESHOLD = fields.Float(validate=validate.Range(0, 1), allow_none=True,
                         metadata={"description": "0..1; default NOTIFY_THRESHOLD"})


class SubscriptionInSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    # saved_search
    type = fields.String(validate=validate.OneOf(ITEM_TYPES),
                         metadata={"description": "saved_search: the kind searched"})
    q = fields.String(load_default="", validate=validate.Length(max=MAX_QUERY_CHARS))
    filters = fields.Nested(SearchFiltersSchema, load_default=dict)
    # own_item
    item_type = fields.String(validate=validate.OneOf(ITEM_TYPES),
                              metadata={"description": "own_item: your need or achievement"})
    item_id = fields.Integer(validate=validate.Range(min=1))
    threshold = THRESHOLD

    @validates_schema
    def _kind_fields(self, data, **_kwargs):
        wanted = ("type",) if data.get("kind") == "saved_search" else ("item_type", "item_id")
        missing = {name: ["该订阅类型必须提供此字段"] for name in wanted if name not in data}
        if data.get("kind") in KINDS and missing:
            raise ValidationError(missing)


class SubscriptionPatchSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=200))
    threshold = THRESHOLD
    active = fields.Boolean()


class SubscriptionSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    name = fields.String()
    item_type = fields.String()
    query_text = fields.String()
    filters = fields.Dict(keys=fields.String(), values=fields.String())
    item_id = fields.Integer(allow_none=True)
    threshold = fields.Float()
    active = fields.Boolean()
    last_digest_on = fields.Date(allow_none=True)
    created_at = UtcDateTime()


class NotificationSchema(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "digest or expiry_reminder"})
    subscription_id = fields.Integer(allow_none=True)
    title = fields.String()
    body = fields.String()
    link = fields.String()
    created_at = UtcDateTime()
    read_at = UtcDateTime(allow_none=True)


class NotificationArgsSchema(PageArgsSchema):
    unread = fields.Boolean(load_default=False)


class ReadAllSchema(Schema):
    updated = fields.Integer()


SubscriptionPageSchema = page_of(SubscriptionSchema, "SubscriptionPage")
NotificationPageSchema = page_of(NotificationSchema, "NotificationPage")
