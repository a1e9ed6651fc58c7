"""The yearly report as typed objects: one indicator value (value, unit, caliber,
provenance, target and progress), one scope's values, and the report of a year.
``as_dict()`` gives the JSON form (``zones report --json``, the API, stored history).

Money values are exact decimal strings in 元; counts are integers; ratios are decimal
strings. Rounding to 万元/亿元 happens only where the value is shown.
"""

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matchhub.zones.statistics.periods import Period

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
class FeaturedItem:
    """One of a zone's own 特色指标, as its featured value lists them."""

    name: str
    unit: str
    target: str | None
    value: str | None
    source_note: str


@dataclass
class Value:
    key: str  # report key, e.g. contract_volume_output
    name: str  # 中文名称，如 技术合同成交额（输出口径）
    indicator: str  # the Annex 2 indicator code it belongs to
    value: Any  # int, decimal str, None, dict[code, …] (compositions), list[FeaturedItem]
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

    @property
    def is_scalar(self) -> bool:
        """A plain number (or None), not a composition or the featured list."""
        return not isinstance(self.value, dict | list)


@dataclass
class ScopeReport:
    """The values of one zone, or of the province, by report key in report order."""

    code: str
    name: str
    indicators: dict[str, Value]

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name,
                "indicators": {key: v.as_dict() for key, v in self.indicators.items()}}


@dataclass
class UnzonedContracts:
    """Contracts whose seller is in the province but in no zone (counted in the province)."""

    contract_count_output: int
    contract_volume_output: Decimal
    note: str = "卖方在本省但不属于任何示范区的合同（计入全省）"

    def as_dict(self) -> dict[str, Any]:
        return {"note": self.note, "contract_count_output": self.contract_count_output,
                "contract_volume_output": str(self.contract_volume_output)}


@dataclass
class YearReport:
    """The report of one period of ``year`` (the whole year unless ``period`` says
    otherwise): every zone (or one) and the province."""

    year: int
    generated_at: str
    zones: list[ScopeReport]
    province: ScopeReport
    unzoned: UnzonedContracts | None = None
    period: "Period | None" = None

    def zone(self, code: str) -> ScopeReport:
        return next(z for z in self.zones if z.code == code)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"year": self.year, "generated_at": self.generated_at,
                                "zones": [z.as_dict() for z in self.zones],
                                "province": self.province.as_dict()}
        if self.period is not None:
            data["period"] = self.period.as_dict()
        if self.unzoned is not None:
            data["unzoned"] = self.unzoned.as_dict()
        return data
