"""Report values of the indicators that come from registers and from what zones enter."""

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from matchhub.zones.indicators import by_source
from matchhub.zones.models import FeaturedIndicator, PolicyAssessment, ReportedValue
from matchhub.zones.statistics.values import FeaturedItem, Value, money_text, quantity_text

TEN_THOUSAND = Decimal(10_000)


def registry_values(counts: dict[str, Counter], scope: str | None, as_of: dt.date) -> list[Value]:
    """scope None: the province (every zone and the unzoned remainder)."""
    values = []
    for indicator in by_source("registry"):
        by_zone = counts[indicator.code]
        count = sum(by_zone.values()) if scope is None else by_zone.get(scope, 0)
        values.append(Value(indicator.code, indicator.name, indicator.code, count, indicator.unit,
                            f"截至 {as_of.isoformat()} 经认证且在有效期内的记录数",
                            {"kind": "registry", "as_of": as_of.isoformat()}))
    return values


def _entered(row: ReportedValue) -> dict[str, Any]:
    return {"kind": "reported", "entered_by": row.entered_by.display_name if row.entered_by
            else "", "entered_at": row.entered_at.isoformat(), "source_note": row.source_note,
            "evidence": row.evidence_name}


def _patents_per_10k(indicator, rows: dict[str, ReportedValue | None]) -> Value:
    patents, population = rows["invention_patents_held"], rows["population"]
    value = None
    if patents is not None and population is not None and population.value:
        ratio = patents.value * TEN_THOUSAND / population.value
        value = str(ratio.quantize(Decimal("0.01"), ROUND_HALF_UP))
    provenance = {"kind": "computed_from_reported",
                  "inputs": {code: ({**_entered(row), "value": quantity_text(row.value)}
                                    if row else None) for code, row in rows.items()}}
    return Value(indicator.code, indicator.name, indicator.code, value, indicator.unit,
                 "有效发明专利拥有量 ÷ 常住人口（万人）", provenance)


def reported_values(entries: dict[tuple[str, str], ReportedValue], scope: str) -> list[Value]:
    values = []
    for indicator in by_source("reported"):
        if indicator.inputs:
            rows = {code: entries.get((scope, code)) for code, _name, _unit in indicator.inputs}
            values.append(_patents_per_10k(indicator, rows))
            continue
        row = entries.get((scope, indicator.code))
        unit = "元" if indicator.money else indicator.unit
        shown = None if row is None else (money_text(row.value) if indicator.money
                                          else quantity_text(row.value))
        provenance = _entered(row) if row else {"kind": "reported", "missing": True}
        values.append(Value(indicator.code, indicator.name, indicator.code, shown, unit,
                            "示范区填报", provenance))
    return values


def policy_values(rows: dict[tuple[str, str], PolicyAssessment], scope: str) -> list[Value]:
    values = []
    for indicator in by_source("qualitative"):
        row = rows.get((scope, indicator.code))
        score = quantity_text(row.score) if row and row.score is not None else None
        provenance = {"kind": "qualitative", "text": row.text if row else "",
                      "written_at": row.written_at.isoformat() if row and row.written_at else None,
                      "scored_at": row.scored_at.isoformat() if row and row.scored_at else None}
        values.append(Value(indicator.code, indicator.name, indicator.code, score,
                            indicator.unit, "示范区填写，省级评审评分", provenance))
    return values


def featured_value(rows: list[FeaturedIndicator]) -> Value:
    items = [FeaturedItem(r.name, r.unit, quantity_text(r.target), quantity_text(r.value),
                          r.source_note) for r in rows]
    return Value("featured", "特色指标", "featured", items, "", "示范区自定", {"kind": "featured"})
