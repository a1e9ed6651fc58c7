"""Money: exact Decimal amounts in 元, parsed from 元 or 万元 and shown in 万元/亿元."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
WAN = Decimal(10_000)
YI = Decimal(100_000_000)
# Largest amount a Numeric(16, 2) column holds.
MAX_AMOUNT = Decimal("99999999999999.99")

_SEPARATORS = re.compile(r"[,，\s]")
# Digits with an optional fraction, ASCII only: no exponent ("1e3"), sign, inf or nan,
# no full-width or other scripts' digits (Decimal takes them all).
_PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
_UNIT_SUFFIX = re.compile(r"(万元|万|亿元|亿|元)$")
_UNIT_FACTORS = {"元": Decimal(1), "万元": WAN, "万": WAN, "亿元": YI, "亿": YI}


def parse_amount(value: object, unit: str = "元") -> Decimal:
    """Parse an amount given in ``unit`` (元/万元/亿元) into 元; raise ValueError on bad input.

    Accepts thousands separators and a trailing unit ("12.5万元"); floats are refused
    because they cannot carry exact cents.
    """
    if isinstance(value, float):
        raise ValueError("金额不能是浮点数，请使用字符串或整数")
    if isinstance(value, Decimal | int):
        text = str(value)
    else:
        text = _SEPARATORS.sub("", str(value or ""))
    match = _UNIT_SUFFIX.search(text)
    if match:
        unit, text = match.group(1), text[: match.start()]
    if isinstance(value, str) and not _PLAIN_DECIMAL.fullmatch(text):
        if text.startswith("-") and _PLAIN_DECIMAL.fullmatch(text[1:]):
            raise ValueError("金额必须是非负数")
        raise ValueError(f"金额格式无效：{value!r}")
    try:
        amount = Decimal(text) * _UNIT_FACTORS[unit]
    except (InvalidOperation, KeyError):
        raise ValueError(f"金额格式无效：{value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError("金额必须是非负数")
    if amount > MAX_AMOUNT:
        raise ValueError("金额过大")
    if amount != amount.quantize(CENT):
        raise ValueError("金额最多精确到分（0.01 元）")
    return amount.quantize(CENT)


def format_money(amount: Decimal | None, negotiable: bool = False) -> str:
    """Show an amount in 元 as 元, 万元 or 亿元, rounding only here."""
    if amount is None:
        return "面议" if negotiable else "—"
    if amount >= YI:
        return f"{(amount / YI).quantize(CENT, ROUND_HALF_UP)} 亿元"
    if amount >= WAN:
        return f"{(amount / WAN).quantize(CENT, ROUND_HALF_UP)} 万元"
    return f"{amount.quantize(CENT)} 元"


def amount_in(amount: Decimal | None, unit: str = "万元") -> str:
    """An amount in 元 as a number of ``unit`` (元/万元/亿元), for a column whose header names
    the unit: every row of the column in the same unit."""
    if amount is None:
        return "—"
    return f"{(amount / _UNIT_FACTORS[unit]).quantize(CENT, ROUND_HALF_UP):,}"


def _range_unit(low: Decimal, high: Decimal) -> str:
    """One unit for both ends: the low end's, but 万元 once the high end reaches it."""
    if low >= YI:
        return "亿元"
    return "万元" if high >= WAN else "元"


def format_range(low: Decimal | None, high: Decimal | None, negotiable: bool) -> str:
    if negotiable or (low is None and high is None):
        return "面议"
    if low is not None and high is not None:
        unit = _range_unit(low, high)
        return f"{amount_in(low, unit)} – {amount_in(high, unit)} {unit}"
    if low is not None:
        return f"不低于 {format_money(low)}"
    return f"不超过 {format_money(high)}"
