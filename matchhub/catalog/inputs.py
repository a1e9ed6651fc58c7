"""Clean and validate achievement and need input from forms, the API and import files.

Every channel hands a plain mapping to ``clean_achievement`` / ``clean_need``;
they return typed values or raise ValidationFailed naming each bad field.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from flask import current_app, has_app_context

from matchhub.core.contacts import check_phone, normalise_email
from matchhub.core.errors import FieldErrors
from matchhub.core.identifiers import normalise_ip_number
from matchhub.core.money import parse_amount
from matchhub.core.regions import region_problem
from matchhub.core.text import FORBIDDEN_MESSAGE, bad_characters, is_blank, normalise, text_field
from matchhub.core.vocabularies import trl_levels, vocabulary

MAX_KEYWORDS = 20


# How far ahead a listing's end date (valid_until, deadline, a renewal) may be, in days,
# unless LISTING_MAX_VALIDITY_DAYS says otherwise: see README "Roles and the publishing
# workflow".
DEFAULT_MAX_VALIDITY_DAYS = 5 * 365 + 1


def _text(errors: FieldErrors, data: Mapping, key: str, limit: int, required: bool,
          multiline: bool = False) -> str:
    return text_field(errors, data.get(key), key, limit=limit, required=required,
                      multiline=multiline)


def _keywords(errors: FieldErrors, data: Mapping) -> list[str]:
    raw = data.get("keywords") or []
    if isinstance(raw, str):
        raw = raw.replace("，", ",").replace("；", ",").replace(";", ",").split(",")
    if not isinstance(raw, list | tuple):
        errors.add("keywords", "关键词应为列表或以逗号分隔的文本")
        return []
    words = list(dict.fromkeys(w for w in (normalise(w) for w in raw) if not is_blank(w)))
    if any(bad_characters(w) for w in words):
        errors.add("keywords", FORBIDDEN_MESSAGE)
    elif len(words) > MAX_KEYWORDS or any(len(w) > 50 for w in words):
        errors.add("keywords", f"最多 {MAX_KEYWORDS} 个关键词，每个不超过 50 字")
    return words


def _vocab(errors: FieldErrors, data: Mapping, key: str, name: str) -> str:
    code = vocabulary(name).code_for(str(data.get(key) or ""))
    if code is None:
        errors.add(key, f"取值无效，可选：{'、'.join(vocabulary(name).labels.values())}")
        return ""
    return code


def _modes(errors: FieldErrors, data: Mapping, key: str = "modes") -> list[str]:
    raw = data.get(key) or []
    if isinstance(raw, str):
        raw = [p for p in raw.replace("，", ",").replace("、", ",").split(",") if p.strip()]
    codes = [vocabulary("transfer_modes").code_for(str(m)) for m in raw]
    if not codes:
        errors.add(key, "请至少选择一种合作方式")
    elif None in codes:
        labels = "、".join(vocabulary("transfer_modes").labels.values())
        errors.add(key, f"合作方式无效，可选：{labels}")
    return sorted({c for c in codes if c})


def _trl(errors: FieldErrors, data: Mapping, key: str, required: bool) -> int | None:
    raw = data.get(key)
    if raw in (None, ""):
        if required:
            errors.add(key, "必填（TRL 1-9）")
        return None
    try:
        level = int(str(raw).upper().removeprefix("TRL"))
    except ValueError:
        level = 0
    if level not in trl_levels():
        errors.add(key, "成熟度应为 TRL 1-9")
        return None
    return level


def _amount(errors: FieldErrors, data: Mapping, key: str) -> Decimal | None:
    raw = data.get(key)
    if raw in (None, ""):
        return None
    try:
        return parse_amount(raw)
    except ValueError as exc:
        errors.add(key, str(exc))
        return None


def _flag(data: Mapping, key: str) -> bool:
    value = data.get(key)
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on", "是", "面议"}
    return bool(value)


def clean_date(errors: FieldErrors, data: Mapping, key: str,
               default: dt.date | None = None) -> dt.date | None:
    """A date from a date, a datetime or ISO text; ``default`` when blank (required if None)."""
    raw = data.get(key)
    if raw in (None, ""):
        if default is None:
            errors.add(key, "必填（日期，格式 YYYY-MM-DD）")
        return default
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip().replace("/", "-"))
    except ValueError:
        errors.add(key, "日期格式应为 YYYY-MM-DD")
        return None


def _region(errors: FieldErrors, data: Mapping, key: str = "region_code") -> str:
    code = str(data.get(key) or "").strip()
    problem = region_problem(code)  # a code in use now
    if problem:
        errors.add(key, problem)
    return code


def _checked(errors: FieldErrors, key: str, value: str, check) -> str:
    """``value`` through ``check`` (ValueError: a message on ``key``); blank stays blank."""
    if not value or key in errors.fields:
        return value
    try:
        return check(value)
    except ValueError as exc:
        errors.add(key, str(exc))
        return value


def _contacts(errors: FieldErrors, data: Mapping) -> dict[str, str]:
    phone = _text(errors, data, "contact_phone", 32, False)
    email = _text(errors, data, "contact_email", 254, False)
    return {
        "contact_name": _text(errors, data, "contact_name", 100, False),
        "contact_phone": _checked(errors, "contact_phone", phone, check_phone),
        "contact_email": _checked(errors, "contact_email", email, normalise_email),
    }


def _ip_records(errors: FieldErrors, data: Mapping) -> list[dict[str, str]]:
    records = []
    for index, raw in enumerate(data.get("ip_records") or []):
        key = f"ip_records[{index}]"
        if not isinstance(raw, Mapping):
            errors.add(key, "知识产权记录格式无效")
            continue
        ip_type = vocabulary("ip_types").code_for(str(raw.get("ip_type") or ""))
        if ip_type is None:
            errors.add(f"{key}.ip_type", "知识产权类型无效")
            continue
        try:
            number = normalise_ip_number(ip_type, str(raw.get("number") or ""))
        except ValueError as exc:
            errors.add(f"{key}.number", str(exc))
            continue
        title = text_field(errors, raw.get("title"), f"{key}.title", limit=200)
        records.append({"ip_type": ip_type, "number": number, "title": title})
    return records


def max_validity_days() -> int:
    """LISTING_MAX_VALIDITY_DAYS of the app (the default outside one)."""
    configured = current_app.config.get("LISTING_MAX_VALIDITY_DAYS") if has_app_context() \
        else None
    return int(configured or DEFAULT_MAX_VALIDITY_DAYS)


def end_date_problem(value: dt.date, today: dt.date) -> str | None:
    """Why ``value`` cannot end a listing: past, or further ahead than the bound."""
    if value < today:
        return "日期不能早于今天"
    latest = today + dt.timedelta(days=max_validity_days())
    if value > latest:
        return f"有效期最长到 {latest.isoformat()}（{max_validity_days()} 天内），到期可续期"
    return None


def _check_future(errors: FieldErrors, key: str, value: dt.date | None, today: dt.date) -> None:
    problem = end_date_problem(value, today) if value is not None else None
    if problem:
        errors.add(key, problem)


def clean_achievement(data: Mapping[str, Any], today: dt.date, default_validity: int,
                      check_dates: bool = True) -> dict[str, Any]:
    errors = FieldErrors()
    cleaned: dict[str, Any] = {
        "title": _text(errors, data, "title", 200, True),
        "summary": _text(errors, data, "summary", 5000, True, multiline=True),
        "confidential_detail": _text(errors, data, "confidential_detail", 20000, False,
                                     multiline=True),
        "keywords": _keywords(errors, data),
        "field": _vocab(errors, data, "field", "tech_fields"),
        "discipline": _text(errors, data, "discipline", 100, False),
        "trl": _trl(errors, data, "trl", True),
        "modes": _modes(errors, data),
        "asking_price": _amount(errors, data, "asking_price"),
        "price_negotiable": _flag(data, "price_negotiable"),
        "valid_until": clean_date(errors, data, "valid_until",
                                  today + dt.timedelta(days=default_validity)),
        "region_code": _region(errors, data),
        "ip_records": _ip_records(errors, data),
        **_contacts(errors, data),
    }
    if data.get("asking_price") in (None, "") and not cleaned["price_negotiable"]:
        errors.add("asking_price", "请填写报价，或选择面议")
    if cleaned["price_negotiable"]:
        cleaned["asking_price"] = None
    if check_dates:
        _check_future(errors, "valid_until", cleaned["valid_until"], today)
    errors.raise_if_any()
    return cleaned


def clean_need(data: Mapping[str, Any], today: dt.date, default_validity: int,
               check_dates: bool = True) -> dict[str, Any]:
    errors = FieldErrors()
    cleaned: dict[str, Any] = {
        "title": _text(errors, data, "title", 200, True),
        "description": _text(errors, data, "description", 5000, True, multiline=True),
        "keywords": _keywords(errors, data),
        "field": _vocab(errors, data, "field", "tech_fields"),
        "required_trl": _trl(errors, data, "required_trl", False),
        "modes": _modes(errors, data),
        "budget_min": _amount(errors, data, "budget_min"),
        "budget_max": _amount(errors, data, "budget_max"),
        "budget_negotiable": _flag(data, "budget_negotiable"),
        "deadline": clean_date(errors, data, "deadline",
                               today + dt.timedelta(days=default_validity)),
        "region_code": _region(errors, data),
        **_contacts(errors, data),
    }
    low, high = cleaned["budget_min"], cleaned["budget_max"]
    if low is not None and high is not None and low > high:
        errors.add("budget_max", "预算上限不能低于下限")
    no_budget = all(data.get(key) in (None, "") for key in ("budget_min", "budget_max"))
    if no_budget and not cleaned["budget_negotiable"]:
        errors.add("budget_max", "请填写预算，或选择面议")
    if cleaned["budget_negotiable"]:
        cleaned["budget_min"] = cleaned["budget_max"] = None
    if check_dates:
        _check_future(errors, "deadline", cleaned["deadline"], today)
    errors.raise_if_any()
    return cleaned


CLEANERS: dict[str, Callable[..., dict[str, Any]]] = {
    "achievement": clean_achievement,
    "need": clean_need,
}
