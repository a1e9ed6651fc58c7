"""The indicator system of Annex 2, as data from config/indicators.json."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from matchhub.core.config_files import load_json

SOURCES = ("contracts", "registry", "reported", "qualitative", "featured")


@dataclass(frozen=True)
class Indicator:
    no: int
    code: str
    name: str
    unit: str
    group: str
    source: str  # one of SOURCES
    money: bool = False  # entered in 元, shown in 亿元
    inputs: tuple[tuple[str, str, str], ...] = ()  # (code, name, unit) entered to compute it
    scale: Decimal | None = None  # ratio = inputs[0] * scale / inputs[1]
    formula: str = ""
    additive: bool = False  # the province's value is the sum of its zones'

    @property
    def group_label(self) -> str:
        return groups()[self.group]


@cache
def indicators() -> dict[str, Indicator]:
    rows = load_json("indicators.json")["indicators"]
    found = {}
    for row in rows:
        if row["source"] not in SOURCES:
            raise ValueError(f"indicator {row['code']}: unknown source {row['source']!r}")
        inputs = tuple(tuple(i) for i in row.get("inputs", ()))
        scale = Decimal(row["scale"]) if "scale" in row else None
        found[row["code"]] = Indicator(row["no"], row["code"], row["name"], row["unit"],
                                       row["group"], row["source"], row.get("money", False),
                                       inputs, scale, row.get("formula", ""),
                                       row.get("additive", False))
    return found


@cache
def groups() -> dict[str, str]:
    return dict(load_json("indicators.json")["groups"])


def by_source(source: str) -> list[Indicator]:
    return [i for i in indicators().values() if i.source == source]


def reported_input_codes() -> dict[str, tuple[str, str, str]]:
    """Every code a zone may enter a value for: plain reported indicators, and the inputs
    of computed-from-entries ones (patents held, population). code -> (indicator, name, unit)."""
    codes: dict[str, tuple[str, str, str]] = {}
    for indicator in by_source("reported"):
        if indicator.inputs:
            for code, name, unit in indicator.inputs:
                codes[code] = (indicator.code, name, unit)
        else:
            unit = "元" if indicator.money else indicator.unit
            codes[indicator.code] = (indicator.code, indicator.name, unit)
    return codes


def qualitative_max_score() -> Decimal:
    return Decimal(load_json("indicators.json")["qualitative_max_score"])
