"""Clean match-case input from forms and the API; bad values are 422s naming the field."""

import datetime as dt
from decimal import Decimal
from typing import Any

from matchhub.cases.workflow import STATES
from matchhub.core import text as core_text
from matchhub.core.errors import Conflict, ValidationFailed
from matchhub.core.money import parse_amount

NOTE_LIMIT = 2000
ACTION_LIMIT = 200


def _fail(field: str, message: str):
    raise ValidationFailed({field: [message]})


def clean_version(raw: Any) -> int:
    """The version the user saw, as a form or JSON value."""
    if raw in (None, ""):
        _fail("version", "必填：请提交您看到的对接单版本号")
    try:
        version = int(raw)
    except (TypeError, ValueError):
        _fail("version", "应为整数")
    if version < 1:
        _fail("version", "应为正整数")
    return version


def check_version(current: int, seen: Any) -> None:
    """Refuse a write based on an older version of the case (409, nothing written)."""
    seen = clean_version(seen)
    if seen != current:
        raise Conflict("您打开此页后，对接单已被他人修改，本次提交未保存。"
                       "请刷新页面查看最新内容后重试", {"version": [f"当前版本为 {current}"]})


def clean_text(raw: Any, field: str, limit: int, required: bool = False,
               multiline: bool = True) -> str:
    """Notes and reasons: multi-line text through the platform's one text rule."""
    if raw is not None and not isinstance(raw, str):
        _fail(field, "应为文本")
    return core_text.clean_text(raw, field, limit=limit, required=required,
                                multiline=multiline)


def clean_state(raw: Any, field: str = "to") -> str:
    value = raw.strip() if isinstance(raw, str) else ""
    if value not in STATES:
        _fail(field, f"取值无效，可选：{'、'.join(STATES)}")
    return value


def clean_date(raw: Any, field: str) -> dt.date | None:
    if isinstance(raw, dt.date):
        return raw
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        _fail(field, "日期格式应为 YYYY-MM-DD")


def clean_amount(raw: Any, field: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        return parse_amount(raw)
    except ValueError as exc:
        _fail(field, str(exc))


def clean_id(raw: Any, field: str) -> int:
    if isinstance(raw, bool):
        _fail(field, "应为编号（整数）")
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        _fail(field, "必填，应为编号（整数）")
    if value < 1:
        _fail(field, "应为正整数")
    return value
