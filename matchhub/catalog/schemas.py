"""API schemas for achievements and needs: input shapes, per-audience output field lists."""

from marshmallow import Schema, ValidationError, fields, validate

from matchhub.catalog.workflow import PEOPLE_ACTIONS, effective_status
from matchhub.core.money import format_money, format_range
from matchhub.core.regions import region_name
from matchhub.core.schemas import PageArgsSchema, UtcDateTime, id_field, page_of
from matchhub.core.vocabularies import trl_label, trl_levels, vocabulary


class MoneyField(fields.Field):
    """An amount in 元 as a decimal string ("12500.00"); integers accepted, floats refused."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else str(value)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValidationError("金额应为十进制字符串（单位：元），例如 \"125000.00\"")
        return str(value)


MONEY_META = {"type": "string", "pattern": r"^\d+(\.\d{1,2})?$", "example": "125000.00"}


class IPRecordSchema(Schema):
    ip_type = fields.String(required=True, metadata={"enum": vocabulary("ip_types").codes})
    number = fields.String(load_default="", metadata={"example": "ZL201710601862.3"})
    title = fields.String(load_default="")


def _vocab_field(name: str, **kwargs) -> fields.String:
    return fields.String(validate=validate.OneOf(vocabulary(name).codes), **kwargs)


class ListingInSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(max=200))
    keywords = fields.List(fields.String(validate=validate.Length(max=50)),
                           validate=validate.Length(max=20))
    field = _vocab_field("tech_fields", required=True)
    modes = fields.List(_vocab_field("transfer_modes"), required=True,
                        validate=validate.Length(min=1))
    region_code = fields.String(validate=validate.Length(equal=6))
    contact_name = fields.String(validate=validate.Length(max=100))
    contact_phone = fields.String(validate=validate.Length(max=32))
    contact_email = fields.String(validate=validate.Length(max=254))


class AchievementInSchema(ListingInSchema):
    summary = fields.String(required=True, validate=validate.Length(max=5000))
    confidential_detail = fields.String(validate=validate.Length(max=20000))
    discipline = fields.String(validate=validate.Length(max=100))
    trl = fields.Integer(required=True, validate=validate.Range(1, 9))
    asking_price = MoneyField(allow_none=True, metadata=MONEY_META)
    price_negotiable = fields.Boolean()
    valid_until = fields.Date()
    ip_records = fields.List(fields.Nested(IPRecordSchema), validate=validate.Length(max=50))


class NeedInSchema(ListingInSchema):
    description = fields.String(required=True, validate=validate.Length(max=5000))
    required_trl = fields.Integer(allow_none=True, validate=validate.Range(1, 9))
    budget_min = MoneyField(allow_none=True, metadata=MONEY_META)
    budget_max = MoneyField(allow_none=True, metadata=MONEY_META)
    budget_negotiable = fields.Boolean()
    deadline = fields.Date()


class OrgRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    region_code = fields.String()


class ListingOutSchema(Schema):
    id = fields.Integer()
    item_type = fields.String()
    title = fields.String()
    keywords = fields.List(fields.String())
    field = fields.String()
    field_label = fields.Function(lambda o: vocabulary("tech_fields").label(o.field))
    modes = fields.List(fields.String())
    mode_labels = fields.Function(
        lambda o: [vocabulary("transfer_modes").label(m) for m in o.modes],
        metadata={"type": "array", "items": {"type": "string"}})
    region_code = fields.String()
    region_name = fields.Function(lambda o: region_name(o.region_code))
    status = fields.Function(lambda o: effective_status(o))
    status_label = fields.Function(
        lambda o: vocabulary("listing_statuses").label(effective_status(o)))
    owner_org = fields.Nested(OrgRefSchema)
    contact_name = fields.String()
    contact_phone = fields.String()
    contact_email = fields.String()
    source_note = fields.String()
    is_demo = fields.Boolean()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    published_at = UtcDateTime(allow_none=True)


class AchievementOutSchema(ListingOutSchema):
    summary = fields.String()
    discipline = fields.String()
    trl = fields.Integer()
    maturity_label = fields.Function(lambda o: trl_label(o.trl))
    maturity_stage = fields.Function(lambda o: trl_levels()[o.trl].stage)
    asking_price = MoneyField(allow_none=True, metadata=MONEY_META)
    price_negotiable = fields.Boolean()
    price_display = fields.Function(lambda o: format_money(o.asking_price, o.price_negotiable))
    valid_until = fields.Date()
    ip_records = fields.List(fields.Nested(IPRecordSchema))


class AchievementDetailSchema(AchievementOutSchema):
    """For the owner, platform admins and users granted access."""

    confidential_detail = fields.String()


class NeedOutSchema(ListingOutSchema):
    description = fields.String()
    required_trl = fields.Integer(allow_none=True)
    maturity_label = fields.Function(lambda o: trl_label(o.required_trl))
    budget_min = MoneyField(allow_none=True, metadata=MONEY_META)
    budget_max = MoneyField(allow_none=True, metadata=MONEY_META)
    budget_negotiable = fields.Boolean()
    budget_display = fields.Function(
        lambda o: format_range(o.budget_min, o.budget_max, o.budget_negotiable))
    deadline = fields.Date()


class ListQuerySchema(PageArgsSchema):
    q = fields.String(validate=validate.Length(max=200))
    field = _vocab_field("tech_fields")
    stage = _vocab_field("maturity_stages")
    mode = _vocab_field("transfer_modes")
    region = fields.String(validate=validate.Length(equal=6))
    org_id = id_field()
    price_max = fields.String(validate=validate.Regexp(r"^\d{1,14}(\.\d{1,2})?$"))
    sort = fields.String(validate=validate.OneOf(["newest", "oldest", "title"]))
    mine = fields.Boolean(metadata={"description": "only the caller's own items, drafts included"})


AchievementPageSchema = page_of(AchievementOutSchema, "AchievementPageSchema")
NeedPageSchema = page_of(NeedOutSchema, "NeedPageSchema")


class TransitionInSchema(Schema):
    action = fields.String(required=True, validate=validate.OneOf(list(PEOPLE_ACTIONS)))
    reason = fields.String(load_default="", validate=validate.Length(max=2000))
    new_end = fields.Date(allow_none=True, metadata={"description": "new end date for renew"})


class TransitionOutSchema(Schema):
    id = fields.Integer()
    action = fields.String()
    from_status = fields.String()
    to_status = fields.String()
    actor_id = fields.Integer(allow_none=True)
    reason = fields.String()
    at = UtcDateTime()


class ReviewQueueSchema(Schema):
    achievements = fields.List(fields.Nested(AchievementOutSchema))
    needs = fields.List(fields.Nested(NeedOutSchema))


class AchievementPatchSchema(AchievementInSchema):
    def __init__(self, **kwargs):
        super().__init__(partial=True, **kwargs)


class NeedPatchSchema(NeedInSchema):
    def __init__(self, **kwargs):
        super().__init__(partial=True, **kwargs)


# Per item type: input, patch, public output, widest output (the item endpoint documents
# it; the confidential detail is dumped only for those allowed), page.
SCHEMAS = {
    "achievement": (AchievementInSchema, AchievementPatchSchema, AchievementOutSchema,
                    AchievementDetailSchema, AchievementPageSchema),
    "need": (NeedInSchema, NeedPatchSchema, NeedOutSchema, NeedOutSchema, NeedPageSchema),
}
