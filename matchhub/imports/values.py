"""Turn one import cell into the input value its column's cleaner takes.

Converters raise ValueError with a message for the person who filled the sheet.
Money in 万元 is converted here, exactly, so the cleaners always see 元.
"""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from matchhub.core.money import parse_amount

_LIST_SEPARATORS = re.compile(r"[、,，;；\n]")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_YES = frozenset({"是", "y", "yes", "true", "1"})
_NO = frozenset({"否", "n", "no", "false", "0"})


def text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def split_list(value: Any) -> list[str]:
    """keywords and modes: separated by 、 , ， ; ； or line breaks."""
    return [part.strip() for part in _LIST_SEPARATORS.split(text(value)) if part.strip()]


def amount(value: Any) -> Any:
    """元: numbers pass as they are (exact int or Decimal); the cleaner parses and checks."""
    exact = isinstance(value, int | Decimal) and not isinstance(value, bool)
    return value if exact else text(value)


def amount_in_wan(value: Any) -> Decimal:
    """万元 to 元, exactly (12.5 → 125000.00)."""
    return parse_amount(amount(value), unit="万元")


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError("应填写“是”或“否”")


def date(value: Any) -> Any:
    """Dates as dates; "2026/3/1" and "2026年3月1日" too. Other text goes on to the cleaner."""
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(text(value))
    if match is None:
        return text(value)
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError("日期无效") from None


def trl(value: Any) -> Any:
    return value if isinstance(value, int) and not isinstance(value, bool) else text(value)


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": text,
    "code": text,
    "list": split_list,
    "money": amount,
    "money_wan": amount_in_wan,
    "flag": flag,
    "date": date,
    "trl": trl,
}


def convert(kind: str, value: Any) -> Any:
    return CONVERTERS[kind](value)
