"""One indicator value as a report carries it: value, unit, caliber and provenance.

Money values are exact decimal strings in 元; counts are integers; ratios are decimal
strings. Rounding to 万元/亿元 happens only where the value is shown.
"""

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

HUNDRED = Decimal(100)
RATIO = Decimal("0.01")


def money_text(amount: Decimal) -> str:
    return str(amount.quantize(RATIO))


def quantity_text(amount: Decimal | None) -> str | None:
    """A reported quantity without trailing zeros beyond what was entered (12.50 -> 12.5)."""
    if amount is None:
        return None
    text = format(amount.normalize(), "f")
    return text


def percent(part: Decimal, whole: Decimal) -> str | None:
    if not whole:
        return None
    return str((Decimal(part) * HUNDRED / Decimal(whole)).quantize(RATIO, ROUND_HALF_UP))


def growth(current: Decimal, previous: Decimal) -> str | None:
    if not previous:
        return None
    return str(((current - previous) * HUNDRED / previous).quantize(RATIO, ROUND_HALF_UP))


@dataclass
class Value:
    key: str  # report key, e.g. contract_volume_output
    name: str  # 中文名称，如 技术合同成交额（输出口径）
    indicator: str  # the Annex 2 indicator code it belongs to
    value: Any
    unit: str
    caliber: str
    provenance: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)  # code -> label for object values
    target: str | None = None
    progress: str | None = None  # value / target, in %

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("key")
        if not self.labels:
            data.pop("labels")
        return data
