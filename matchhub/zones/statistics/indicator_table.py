"""The indicator table of one scope (a zone or the province) in Annex 2 order: one row per
value, shown in 万元/亿元 with its exact 元 value, target, progress, caliber and source.
The dashboards, the XLSX export and the annual report DOCX all print these rows."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from matchhub.core.money import WAN, YI, format_money
from matchhub.zones.indicators import indicators
from matchhub.zones.report_keys import TARGET_KEYS
from matchhub.zones.statistics.values import FeaturedItem, Value, percent

# The values of indicator 1 that the short table shows; the full table shows them all.
SUMMARY_KEYS = ("contract_volume_output", "contract_volume_absorbed", "contract_count_output",
                "tech_income_output", "contract_volume_output_growth")
CENT = Decimal("0.01")


@dataclass
class IndicatorRow:
    no: int
    group: str
    key: str
    name: str
    shown: str  # as printed: "1.23 亿元", "12 家", "—"
    number: Decimal | None  # the shown number, in ``unit``
    unit: str
    exact: Decimal | None  # exact value (元 for money)
    exact_unit: str
    target: str
    progress: str | None  # %
    caliber: str
    source: str


def scaled(amount: Decimal) -> tuple[Decimal, str]:
    """An amount in 元 as (number, unit) in 亿元, 万元 or 元, as format_money shows it."""
    for factor, unit in ((YI, "亿元"), (WAN, "万元")):
        if amount >= factor:
            return (amount / factor).quantize(CENT, ROUND_HALF_UP), unit
    return amount.quantize(CENT), "元"


def _plain(value: Any, unit: str) -> tuple[str, Decimal | None, str]:
    if value is None:
        return "—", None, unit
    if unit == "元":
        number, shown_unit = scaled(Decimal(value))
        return format_money(Decimal(value)), number, shown_unit
    return f"{value} {unit}".strip(), Decimal(value), unit


def target_text(key: str, target: str | None) -> str:
    if target is None:
        return ""
    unit = TARGET_KEYS.get(key, "")
    return format_money(Decimal(target)) if unit == "元" else f"{target} {unit}".strip()


def source_text(item: Value) -> str:
    p = item.provenance or {}
    kind = p.get("kind")
    if kind == "computed":
        elsewhere = p.get("registered_elsewhere_contracts")
        extra = f"，其中外省登记 {elsewhere} 项" if elsewhere else ""
        return (f"技术合同登记 {p.get('contracts', 0)} 项{extra}"
                f"（{p.get('from')} 至 {p.get('to')}）")
    if kind == "registry":
        return f"平台登记（截至 {p.get('as_of')}）"
    if kind == "computed_from_reported":
        return f"由填报的分子、分母计算：{item.caliber}"
    if kind == "aggregated":
        return f"各示范区合计（{p.get('zones_reported')}/{p.get('zones_total')} 个示范区已填报）"
    if kind == "not_additive":
        return "不可加总，需省级填报"
    if kind == "qualitative":
        return "省级评审评分" if item.value is not None else "待评分"
    if kind == "reported":
        return _reported_text(p)
    return "示范区自定"


def _reported_text(p: dict[str, Any]) -> str:
    if p.get("missing"):
        return "未填报"
    text = f"示范区填报：{p.get('source_note', '')}"
    if p.get("review") == "returned":
        text += f"（省级已退回：{p.get('review_note', '')}）"
    elif p.get("review") == "submitted":
        text += "（待省级审核）"
    if p.get("evidence"):
        text += f"；证明材料：{p['evidence']}"
    return text


def _row(no: int, group: str, key: str, item: Value) -> IndicatorRow:
    shown, number, unit = _plain(item.value, item.unit)
    exact = None if item.value is None else Decimal(item.value)
    return IndicatorRow(no, group, key, item.name, shown, number, unit, exact, item.unit,
                        target_text(key, item.target), item.progress, item.caliber,
                        source_text(item))


def _featured_row(no: int, group: str, f: FeaturedItem, caliber: str) -> IndicatorRow:
    value = None if f.value is None else Decimal(f.value)
    target = None if f.target is None else Decimal(f.target)
    progress = percent(value, target) if value is not None and target else None
    shown = "—" if value is None else f"{f.value} {f.unit}".strip()
    return IndicatorRow(no, group, "featured", f.name, shown, value, f.unit, value, f.unit,
                        "" if target is None else f"{f.target} {f.unit}".strip(), progress,
                        caliber, f.source_note or "示范区自定")


def _featured_rows(no: int, group: str, item: Value) -> list[IndicatorRow]:
    rows = [_featured_row(no, group, f, item.caliber) for f in item.value]
    return rows or [IndicatorRow(no, group, "featured", item.name, "未填报", None, "", None,
                                 "", "", None, item.caliber, "示范区自定")]


def indicator_rows(values: dict[str, Value], full: bool = False) -> list[IndicatorRow]:
    """The rows of one scope's report values (``ScopeReport.indicators``)."""
    rows: list[IndicatorRow] = []
    for indicator in indicators().values():
        found = _indicator_rows(indicator, values, full)
        rows.extend(found or [_per_zone_row(indicator)])
    return rows


def _indicator_rows(indicator, values: dict[str, Value], full: bool) -> list[IndicatorRow]:
    group = indicator.group_label
    if indicator.code == "featured":
        return _featured_rows(indicator.no, group, values["featured"]) if (
            "featured" in values) else []
    return [_row(indicator.no, group, key, item) for key, item in values.items()
            if item.indicator == indicator.code and item.is_scalar
            and (full or indicator.code != "contract_volume" or key in SUMMARY_KEYS)]


def _per_zone_row(indicator) -> IndicatorRow:
    """An indicator the province has no value of its own for (policy scores, 特色指标)."""
    return IndicatorRow(indicator.no, indicator.group_label, indicator.code, indicator.name,
                        "—", None, indicator.unit, None, indicator.unit, "", None,
                        "按示范区评价", "见各示范区页面")
