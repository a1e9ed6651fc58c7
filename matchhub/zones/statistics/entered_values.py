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


REVIEW_LABELS = {"submitted": "待省级审核", "accepted": "省级已审核", "returned": "省级已退回"}


def _entered(row: ReportedValue) -> dict[str, Any]:
    return {"kind": "reported", "entered_by": row.entered_by.display_name if row.entered_by
            else "", "entered_at": row.entered_at.isoformat(), "source_note": row.source_note,
            "evidence": row.evidence_name, "review": row.review_status,
            "review_note": row.review_note}


def _ratio(indicator, numerator: Decimal | None, denominator: Decimal | None) -> str | None:
    if numerator is None or not denominator:
        return None
    ratio = numerator * indicator.scale / denominator
    return str(ratio.quantize(Decimal("0.01"), ROUND_HALF_UP))


def _counted(row: ReportedValue | None) -> Decimal | None:
    """The value an entry contributes: none once the province returned it."""
    return None if row is None or row.review_status == "returned" else row.value


def _computed(indicator, rows: dict[str, ReportedValue | None]) -> Value:
    """A ratio of an entered numerator and denominator (each with its own provenance)."""
    numerator, denominator = (rows[code] for code, _name, _unit in indicator.inputs)
    value = _ratio(indicator, _counted(numerator), _counted(denominator))
    provenance = {"kind": "computed_from_reported",
                  "inputs": {code: ({**_entered(row), "value": quantity_text(row.value)}
                                    if row else None) for code, row in rows.items()}}
    return Value(indicator.code, indicator.name, indicator.code, value, indicator.unit,
                 indicator.formula, provenance)


def _plain(indicator, row: ReportedValue | None) -> Value:
    unit = "元" if indicator.money else indicator.unit
    amount = _counted(row)
    shown = None if amount is None else (money_text(amount) if indicator.money
                                         else quantity_text(amount))
    provenance = _entered(row) if row else {"kind": "reported", "missing": True}
    return Value(indicator.code, indicator.name, indicator.code, shown, unit, "示范区填报",
                 provenance)


def reported_values(entries: dict[tuple[str, str], ReportedValue], scope: str) -> list[Value]:
    values = []
    for indicator in by_source("reported"):
        if indicator.inputs:
            rows = {code: entries.get((scope, code)) for code, _name, _unit in indicator.inputs}
            values.append(_computed(indicator, rows))
        else:
            values.append(_plain(indicator, entries.get((scope, indicator.code))))
    return values


def _zone_sum(entries, zone_codes: list[str], code: str) -> tuple[Decimal, list[str]]:
    found = [(zone, _counted(entries.get((zone, code)))) for zone in zone_codes]
    found = [(zone, value) for zone, value in found if value is not None]
    return sum((v for _z, v in found), Decimal(0)), [z for z, _v in found]


def _aggregated(indicator, entries, zone_codes: list[str]) -> Value | None:
    """The province's value from its zones': additive ones summed, ratios from the summed
    numerators and denominators of the zones that entered both; None when not additive."""
    if indicator.inputs and indicator.scale is not None:
        codes = [code for code, _name, _unit in indicator.inputs]
        both = [z for z in zone_codes
                if all(_counted(entries.get((z, c))) is not None for c in codes)]
        (numerator, _), (denominator, _) = (_zone_sum(entries, both, c) for c in codes)
        value, reported = _ratio(indicator, numerator, denominator) if both else None, both
        caliber = f"各示范区合计计算：{indicator.formula}"
    elif indicator.additive:
        total, reported = _zone_sum(entries, zone_codes, indicator.code)
        value = (money_text(total) if indicator.money else quantity_text(total)) if reported \
            else None
        caliber = "各示范区填报值合计"
    else:
        return None
    provenance = {"kind": "aggregated", "zones_reported": len(reported),
                  "zones_total": len(zone_codes)}
    unit = "元" if indicator.money else indicator.unit
    return Value(indicator.code, indicator.name, indicator.code, value, unit,
                 f"{caliber}（{len(reported)}/{len(zone_codes)} 个示范区已填报）", provenance)


def province_reported_values(entries, province: str, zone_codes: list[str]) -> list[Value]:
    """The province's own entry where it made one, else the aggregate of its zones."""
    own = reported_values(entries, province)
    found = []
    for indicator, value in zip(by_source("reported"), own, strict=True):
        entered = value.provenance.get("kind") == "reported" and not value.provenance.get(
            "missing") or any(v for v in value.provenance.get("inputs", {}).values())
        found.append(value if entered else _aggregated(indicator, entries, zone_codes)
                     or _not_additive(indicator, value))
    return found


def _not_additive(indicator, value: Value) -> Value:
    value.caliber = "不可由各示范区数值相加，需省级填报"
    value.provenance = {"kind": "not_additive"}
    return value


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
    items = [FeaturedItem(r.name, r.unit, quantity_text(r.target) if (
        r.target_status == "approved") else None, quantity_text(r.value), r.source_note)
        for r in rows]  # a target counts once the province approved it
    return Value("featured", "特色指标", "featured", items, "", "示范区自定", {"kind": "featured"})
