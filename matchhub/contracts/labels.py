"""What people read instead of codes: field names and values of contracts and their audit
trail (types, party types, regions, amounts in 万元/亿元)."""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from matchhub.contracts.models import Contract
from matchhub.contracts.vocabulary import (
    contract_types,
    ip_types,
    party_types,
    registry_rules,
    statuses,
    type_vocabulary,
)
from matchhub.core.countries import country_name
from matchhub.core.money import format_money
from matchhub.core.regions import region_name
from matchhub.core.vocabularies import vocabulary

FIELD_LABELS = {
    "registration_number": "合同登记编号",
    "name": "合同名称",
    "contract_type": "合同类型",
    "contract_subtype": "合同子类型",
    "signed_on": "签订日期",
    "registered_on": "登记日期",
    "volume": "合同成交额",
    "tech_income": "技术交易额",
    "seller_name": "卖方名称",
    "seller_party_type": "卖方性质",
    "seller_region_code": "卖方地区",
    "buyer_name": "买方名称",
    "buyer_party_type": "买方性质",
    "buyer_region_code": "买方地区",
    "seller_country": "卖方国别（境外）",
    "buyer_country": "买方国别（境外）",
    "registered_elsewhere": "登记地",
    "tech_field": "技术领域",
    "ip_type": "知识产权类型",
    "seller_org_id": "卖方机构编号",
    "buyer_org_id": "买方机构编号",
    "achievement_id": "关联成果编号",
    "need_id": "关联需求编号",
    "broker_id": "技术经纪人编号",
    "match_case_id": "对接案例编号",
    "status": "状态",
}
ACTION_LABELS = {"create": "登记", "update": "修改", "cancel": "撤销", "import": "批量导入",
                 "submit": "提交待认定", "confirm": "认定登记", "return": "退回",
                 "correct": "更正"}


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key)


def subtype_label(code: str, contract_type: str = "") -> str:
    """A sub-type's label; with the type known, that type's own vocabulary decides."""
    types = contract_types()
    if contract_type in types:
        return types[contract_type].subtypes.label(code)
    for kind in types.values():
        if code in kind.subtypes:
            return kind.subtypes.label(code)
    return code


def region_label(code: str) -> str:
    name = region_name(code)
    return f"{name}（{code}）" if name and name != code else code


def _money(raw: str) -> str:
    try:
        return format_money(Decimal(raw))
    except InvalidOperation:
        return raw


VALUE_LABELS: dict[str, Callable[[str], str]] = {
    "contract_type": lambda code: type_vocabulary().label(code),
    "contract_subtype": subtype_label,
    "seller_party_type": lambda code: party_types().label(code),
    "buyer_party_type": lambda code: party_types().label(code),
    "seller_region_code": region_label,
    "buyer_region_code": region_label,
    "seller_country": lambda code: f"{country_name(code)}（{code}）",
    "buyer_country": lambda code: f"{country_name(code)}（{code}）",
    "tech_field": lambda code: vocabulary("tech_fields").label(code),
    "ip_type": lambda code: ip_types().label(code),
    "volume": _money,
    "tech_income": _money,
    "status": lambda code: statuses().label(code),
}


def value_label(key: str, raw: str | None) -> str:
    """An audit-trail value (stored as text) as people read it; "—" when empty."""
    if raw in (None, ""):
        return "—"
    shown = VALUE_LABELS.get(key)
    return shown(raw) if shown else raw


def contract_subtype_label(contract: Contract) -> str:
    if not contract.contract_subtype:
        return "—"
    return subtype_label(contract.contract_subtype, contract.contract_type)


ELSEWHERE_LABEL = "外省登记"
ELSEWHERE_NOTE = "卖方在外省，合同在外省登记：只计入买方所在地的吸纳口径，不计入输出口径"


def party_place(contract: Contract, side: str) -> str:
    """Where a party is: its region, or its country abroad (境外)."""
    country = getattr(contract, f"{side}_country")
    if country:
        return f"境外：{country_name(country)}（{country}）"
    return region_label(getattr(contract, f"{side}_region_code"))


def rules_label(contract: Contract) -> str:
    """The rules the contract was registered under (by its registration date)."""
    return registry_rules(contract.registered_on)
