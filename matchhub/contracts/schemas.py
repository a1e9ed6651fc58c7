"""API schemas of the contract registry: input shapes, output with labels, import report."""

from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from matchhub.catalog.schemas import MONEY_META, MoneyField
from matchhub.contracts import labels
from matchhub.contracts.vocabulary import type_vocabulary
from matchhub.core.countries import country_name
from matchhub.core.money import format_money
from matchhub.core.regions import region_name
from matchhub.core.schemas import PageArgsSchema, UtcDateTime, page_of
from matchhub.core.vocabularies import vocabulary
from matchhub.imports.schemas import (
    ColumnNotesSchema,
    ImportJobSchema,
    MapOptionsSchema,
    RowErrorSchema,
)

CODE_OR_LABEL = "a code or its Chinese label (技术开发 / development)"
LINK_KEYS = ("seller_org_id", "buyer_org_id", "achievement_id", "need_id", "broker_id",
             "match_case_id")


def _input_fields(required: bool) -> dict[str, fields.Field]:
    def text(limit: int, **meta) -> fields.String:
        return fields.String(required=required, validate=validate.Length(max=limit),
                             metadata=meta)

    found: dict[str, fields.Field] = {
        "registration_number": text(32, example="62010020160001"),
        "name": text(200),
        "contract_type": text(32, description=CODE_OR_LABEL),
        "contract_subtype": fields.String(validate=validate.Length(max=32),
                                          metadata={"description": "required but for 技术咨询"}),
        "signed_on": fields.Date(required=required),
        "registered_on": fields.Date(required=required),
        "volume": MoneyField(required=required, metadata={**MONEY_META, "description": "元"}),
        "tech_income": MoneyField(required=required,
                                  metadata={**MONEY_META, "description": "元, ≤ volume"}),
        "tech_field": text(64, description=CODE_OR_LABEL),
        "ip_type": text(64, description=CODE_OR_LABEL),
    }
    for side in ("seller", "buyer"):
        found[f"{side}_name"] = text(200)
        found[f"{side}_party_type"] = text(64, description=CODE_OR_LABEL)
        found[f"{side}_region_code"] = fields.String(
            validate=validate.Length(max=6), metadata={
                "description": "GB/T 2260 code in use in the signing year; blank abroad",
                "example": "620100"})
        found[f"{side}_country"] = fields.String(validate=validate.Length(max=3), metadata={
            "description": "a party abroad: ISO 3166-1 numeric country code (840); "
                           "blank in China", "example": "840"})
    found.update({key: fields.Integer(allow_none=True) for key in LINK_KEYS})
    return found


ContractInSchema = Schema.from_dict(_input_fields(True), name="ContractInSchema")
ContractPatchSchema = Schema.from_dict(
    {**_input_fields(False),
     "reason": fields.String(validate=validate.Length(max=2000), metadata={
         "description": "更正原因: required to correct a confirmed (active) contract"})},
    name="ContractPatchSchema")


class ConfirmSchema(Schema):
    registration_number = fields.String(validate=validate.Length(max=32), metadata={
        "description": "the number the registry office gives; default: the submitted one"})


class EvidenceUploadSchema(Schema):
    file = Upload(required=True, error_messages={"required": "请上传已签订的合同文本"},
                  metadata={"description": "the signed contract: PDF, PNG or JPG, ≤ 8 MB"})


class ContractListArgsSchema(PageArgsSchema):
    year = fields.Integer(metadata={"description": "registration year"})
    zone = fields.String(metadata={"description": "zone code, seller or buyer side"})
    type = fields.String(metadata={"enum": type_vocabulary().codes})
    field = fields.String(metadata={"enum": vocabulary("tech_fields").codes})
    seller = fields.String(metadata={"description": "seller name contains"})
    buyer = fields.String(metadata={"description": "buyer name contains"})


class CancelSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


def _label(key: str) -> fields.Function:
    return fields.Function(lambda c: labels.value_label(key, getattr(c, key)))


class ContractOutSchema(Schema):
    id = fields.Integer()
    registration_number = fields.String()
    name = fields.String()
    contract_type = fields.String()
    contract_type_label = _label("contract_type")
    contract_subtype = fields.String()
    contract_subtype_label = fields.Function(labels.contract_subtype_label)
    signed_on = fields.Date()
    registered_on = fields.Date()
    volume = MoneyField(metadata=MONEY_META)
    volume_display = fields.Function(lambda c: format_money(c.volume))
    tech_income = MoneyField(metadata=MONEY_META)
    tech_income_display = fields.Function(lambda c: format_money(c.tech_income))
    seller_name = fields.String()
    seller_party_type = fields.String()
    seller_party_type_label = _label("seller_party_type")
    seller_region_code = fields.String()
    seller_region_name = fields.Function(lambda c: region_name(c.seller_region_code))
    seller_country = fields.String()
    seller_country_name = fields.Function(lambda c: country_name(c.seller_country))
    seller_zone = fields.String()
    buyer_name = fields.String()
    buyer_party_type = fields.String()
    buyer_party_type_label = _label("buyer_party_type")
    buyer_region_code = fields.String()
    buyer_region_name = fields.Function(lambda c: region_name(c.buyer_region_code))
    buyer_country = fields.String()
    buyer_country_name = fields.Function(lambda c: country_name(c.buyer_country))
    buyer_zone = fields.String()
    registered_elsewhere = fields.Boolean(metadata={
        "description": "外省登记: the seller is in another province; counts only for 吸纳"})
    tech_field = fields.String()
    tech_field_label = _label("tech_field")
    ip_type = fields.String()
    ip_type_label = _label("ip_type")
    status = fields.String()
    status_label = _label("status")
    cancel_reason = fields.String()
    return_reason = fields.String()
    evidence_name = fields.String()
    confirmed_by_id = fields.Integer(allow_none=True)
    confirmed_at = UtcDateTime(allow_none=True)
    seller_org_id = fields.Integer(allow_none=True)
    buyer_org_id = fields.Integer(allow_none=True)
    achievement_id = fields.Integer(allow_none=True)
    need_id = fields.Integer(allow_none=True)
    broker_id = fields.Integer(allow_none=True)
    match_case_id = fields.Integer(allow_none=True)
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


class ContractChangeSchema(Schema):
    action = fields.String(metadata={"enum": list(labels.ACTION_LABELS)})
    field = fields.String()
    field_label = fields.Function(lambda c: labels.field_label(c.field) if c.field else "")
    old_value = fields.String()
    new_value = fields.String()
    user_id = fields.Integer(allow_none=True)
    user_name = fields.Function(lambda c: c.user.display_name if c.user else "")
    note = fields.String()
    created_at = UtcDateTime()


class ContractDetailSchema(ContractOutSchema):
    history = fields.List(fields.Nested(ContractChangeSchema), attribute="changes")


ContractPageSchema = page_of(ContractOutSchema, "ContractPageSchema")


class ContractImportOptionsSchema(MapOptionsSchema):
    correct = fields.Boolean(load_default=False, metadata={
        "description": "rows whose registration number is recorded with other values "
                       "correct that contract (if the user may change it); else they are "
                       "errors"})


class FieldChangeSchema(Schema):
    field = fields.String(metadata={"description": "the file's column header"})
    key = fields.String()
    old = fields.String()
    new = fields.String()


class RowOutcomeSchema(Schema):
    row = fields.Integer()
    registration_number = fields.String()
    outcome = fields.String(metadata={"description": "new | unchanged | corrected | cancelled"})
    contract_id = fields.Integer(allow_none=True)
    changes = fields.List(fields.Nested(FieldChangeSchema),
                          metadata={"description": "old -> new, oldest value first"})
    applied = fields.Boolean(metadata={
        "description": "corrected: by this import (else the record had been corrected)"})


class ContractImportReportSchema(ColumnNotesSchema):
    total = fields.Integer(metadata={"description": "data rows in the file (blank rows skipped)"})
    created = fields.Integer()
    unchanged = fields.Integer(metadata={"description": "already registered with equal values"})
    registered_elsewhere = fields.Integer(metadata={
        "description": "created contracts whose seller is in another province (外省登记): "
                       "they count only for 吸纳"})
    corrected = fields.Integer(metadata={"description": "already registered, corrected"})
    cancelled = fields.Integer(metadata={
        "description": "already registered and cancelled: left cancelled"})
    ids = fields.List(fields.Integer(), metadata={"description": "ids of created contracts"})
    rows = fields.List(fields.Nested(RowOutcomeSchema))
    errors = fields.List(fields.Nested(RowErrorSchema))


class ContractImportJobSchema(ImportJobSchema):
    report = fields.Nested(ContractImportReportSchema, allow_none=True, metadata={
        "description": "once finished: the counts, or the rows refused (nothing written)"})
