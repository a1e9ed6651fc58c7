"""Clean and validate contract input from forms, the API and import files.

``clean_contract`` takes a plain mapping (codes or Chinese labels, 元 amounts as text,
int or Decimal, dates as dates or ISO text) and returns typed values, or raises
ValidationFailed naming each bad field.
"""

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from matchhub.catalog.inputs import clean_date
from matchhub.contracts.vocabulary import (
    classify,
    contract_types,
    ip_types,
    party_types,
    type_vocabulary,
)
from matchhub.core.countries import CHINA, country_code
from matchhub.core.errors import FieldErrors
from matchhub.core.identifiers import normalise_registration_number
from matchhub.core.money import parse_amount
from matchhub.core.regions import region_problem, was_ever_valid
from matchhub.core.routing import MAX_ID
from matchhub.core.text import text_field
from matchhub.core.vocabularies import Vocabulary, vocabulary

REGISTRATION_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-]{3,31}$")
LINK_KEYS = ("seller_org_id", "buyer_org_id", "achievement_id", "need_id", "broker_id",
             "match_case_id")
CHINA_NAMES = frozenset({CHINA, "CN", "CHN", "中国", "中华人民共和国"})
TEXT_LIMITS = {"name": 200, "seller_name": 200, "buyer_name": 200}


def _text(errors: FieldErrors, data: Mapping, key: str) -> str:
    return text_field(errors, data.get(key), key, limit=TEXT_LIMITS[key], required=True)


def _code(errors: FieldErrors, data: Mapping, key: str, vocab: Vocabulary) -> str:
    raw = str(data.get(key) or "").strip()
    code = vocab.code_for(raw)
    if code is None:
        problem = "取值无效" if raw else "必填"
        errors.add(key, f"{problem}，可选：{'、'.join(vocab.labels.values())}")
        return ""
    return code


def _subtype(errors: FieldErrors, data: Mapping, contract_type: str) -> str:
    raw = str(data.get("contract_subtype") or "").strip()
    if not contract_type:
        return ""
    subtypes = contract_types()[contract_type].subtypes
    if not raw:
        if subtypes.codes and contract_type != "service":
            errors.add("contract_subtype", f"必填，可选：{'、'.join(subtypes.labels.values())}")
        return ""
    code = subtypes.code_for(raw) or subtypes.code_for(raw.removesuffix("转让"))
    if code is None:
        allowed = "、".join(subtypes.labels.values()) or "（该类型没有子类型）"
        errors.add("contract_subtype", f"与合同类型不符，可选：{allowed}")
        return ""
    return code


def _amount(errors: FieldErrors, data: Mapping, key: str) -> Decimal | None:
    raw = data.get(key)
    if raw in (None, ""):
        errors.add(key, "必填（金额，单位元）")
        return None
    try:
        return parse_amount(raw)
    except ValueError as exc:
        errors.add(key, str(exc))
        return None


def _region(errors: FieldErrors, data: Mapping, key: str, signed_on: dt.date | None) -> str:
    """A GB/T 2260 code in use in the signing year (any year when the date is bad)."""
    code = str(data.get(key) or "").strip()
    if signed_on is None:  # the date is refused on its own: any year the code was in use
        problem = None if was_ever_valid(code) else region_problem(code)
    else:
        problem = region_problem(code, signed_on.year)
    if problem:
        errors.add(key, problem)
    return code


def _country(errors: FieldErrors, data: Mapping, side: str) -> str:
    """A party abroad: the form's 3-digit country code (ISO 3166-1 numeric); "" for a party
    in China (blank, or China itself)."""
    raw = str(data.get(f"{side}_country") or "").strip()
    if not raw or raw in CHINA_NAMES:
        return ""
    code = country_code(raw)
    if code is None:
        errors.add(f"{side}_country", "应为境外国家或地区的 3 位数字代码（ISO 3166-1），"
                                      "如 840 美国、276 德国；境内一方请留空")
        return ""
    if str(data.get(f"{side}_region_code") or "").strip():
        errors.add(f"{side}_region_code", "境外一方不填地区代码（已填国别代码）")
    return code


def _party(errors: FieldErrors, data: Mapping, side: str, cleaned: dict[str, Any]) -> None:
    cleaned[f"{side}_name"] = _text(errors, data, f"{side}_name")
    cleaned[f"{side}_party_type"] = _code(errors, data, f"{side}_party_type", party_types())
    country = _country(errors, data, side)
    cleaned[f"{side}_country"] = country
    cleaned[f"{side}_region_code"] = "" if country or f"{side}_country" in errors.fields else (
        _region(errors, data, f"{side}_region_code", cleaned["signed_on"]))


def _links(errors: FieldErrors, data: Mapping) -> dict[str, int | None]:
    links: dict[str, int | None] = {}
    for key in LINK_KEYS:
        raw = data.get(key)
        if raw in (None, ""):
            links[key] = None
            continue
        try:
            links[key] = int(raw)
        except (TypeError, ValueError):
            errors.add(key, "应为编号（整数）")
            continue
        if not 1 <= links[key] <= MAX_ID:
            errors.add(key, "不存在该编号")
    return links


def _check_dates(errors: FieldErrors, cleaned: dict[str, Any], today: dt.date) -> None:
    signed, registered = cleaned["signed_on"], cleaned["registered_on"]
    if signed and registered and registered < signed:
        errors.add("registered_on", "登记日期不能早于签订日期")
    if registered and registered > today:
        errors.add("registered_on", "登记日期不能晚于今天")


def _check_amounts(errors: FieldErrors, cleaned: dict[str, Any]) -> None:
    volume, income = cleaned["volume"], cleaned["tech_income"]
    if volume is not None and volume <= 0:
        errors.add("volume", "合同成交额必须大于 0")
        return
    if volume is not None and income is not None and income > volume:
        errors.add("tech_income", "技术交易额不能大于合同成交额")


def clean_contract(data: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    errors = FieldErrors()
    number = normalise_registration_number(data.get("registration_number"))
    if not REGISTRATION_NUMBER.match(number):
        errors.add("registration_number", "必填，4-32 位字母、数字或连字符")
    contract_type = _code(errors, data, "contract_type", type_vocabulary())
    cleaned: dict[str, Any] = {
        "registration_number": number,
        "name": _text(errors, data, "name"),
        "contract_type": contract_type,
        "contract_subtype": _subtype(errors, data, contract_type),
        "signed_on": clean_date(errors, data, "signed_on"),
        "registered_on": clean_date(errors, data, "registered_on"),
        "volume": _amount(errors, data, "volume"),
        "tech_income": _amount(errors, data, "tech_income"),
        "tech_field": _code(errors, data, "tech_field", vocabulary("tech_fields")),
        "ip_type": _code(errors, data, "ip_type", ip_types()),
    }
    for side in ("seller", "buyer"):
        _party(errors, data, side, cleaned)
    if cleaned["seller_country"] and cleaned["buyer_country"]:
        errors.add("buyer_country", "买卖双方不能都在境外（技术合同在境内一方所在地登记）")
    cleaned.update(_links(errors, data))
    if contract_type and cleaned["signed_on"]:
        cleaned["contract_type"], cleaned["contract_subtype"] = classify(
            contract_type, cleaned["contract_subtype"], cleaned["signed_on"])
    _check_dates(errors, cleaned, today)
    _check_amounts(errors, cleaned)
    errors.raise_if_any()
    return cleaned
