"""Chart data for the dashboards (serialised into the page as JSON): money in one unit per
chart (亿元 or 万元, whichever suits its largest amount), rounded only here."""

from decimal import Decimal
from typing import Any

from matchhub.core.money import WAN, YI
from matchhub.zones.statistics.trends import Totals
from matchhub.zones.statistics.values import Value


def chart_unit(amounts: list[Decimal]) -> tuple[Decimal, str]:
    return (YI, "亿元") if amounts and max(amounts) >= YI else (WAN, "万元")


def _numbers(amounts: list[Decimal], factor: Decimal) -> list[float]:
    return [float((a / factor).quantize(Decimal("0.0001"))) for a in amounts]


def trend_chart(series: dict[int, dict[int, Totals]]) -> dict[str, Any]:
    """Yearly and quarterly 成交额 and 合同数 of one scope (``trends.scope_series``)."""
    years = sorted(series)
    yearly = [sum((t.volume for t in series[y].values()), Decimal(0)) for y in years]
    quarterly = [series[y][q] for y in years for q in (1, 2, 3, 4)]
    factor, unit = chart_unit(yearly)
    q_factor, q_unit = chart_unit([t.volume for t in quarterly])
    return {
        "unit": unit, "years": [f"{y}年" for y in years], "volume": _numbers(yearly, factor),
        "count": [sum(t.count for t in series[y].values()) for y in years],
        "quarter_unit": q_unit, "quarters": [f"{y}Q{q}" for y in years for q in (1, 2, 3, 4)],
        "quarter_volume": _numbers([t.volume for t in quarterly], q_factor),
    }


def _pie(item: Value) -> list[dict[str, Any]]:
    amounts = {code: Decimal(v) for code, v in item.value.items() if Decimal(v)}
    factor, _unit = chart_unit(list(amounts.values()))
    return [{"name": item.labels.get(code, code), "value": _numbers([a], factor)[0]}
            for code, a in sorted(amounts.items(), key=lambda kv: -kv[1])]


def composition_chart(values: dict[str, Value]) -> dict[str, Any]:
    keys = {"type": "contract_volume_output_by_type",
            "field": "contract_volume_output_by_field",
            "party": "contract_volume_output_by_party_group"}
    found: dict[str, Any] = {}
    for name, key in keys.items():
        item = values[key]
        amounts = [Decimal(v) for v in item.value.values() if Decimal(v)]
        found[name] = {"unit": chart_unit(amounts)[1], "items": _pie(item)}
    return found


def ranking_chart(rows: list[Any]) -> dict[str, Any]:
    """Zones by 成交额 (largest on top) with their targets, where set."""
    ordered = list(reversed(rows))
    amounts = [r.volume for r in ordered] + [r.target for r in ordered if r.target]
    factor, unit = chart_unit(amounts)
    return {"unit": unit, "names": [r.name for r in ordered],
            "volume": _numbers([r.volume for r in ordered], factor),
            "target": [_numbers([r.target], factor)[0] if r.target else None
                       for r in ordered]}


def progress_chart(values: dict[str, Value]) -> dict[str, Any]:
    """Targets vs actuals of one scope: the progress (%) of every value with a target."""
    items = [(item.name, float(item.progress)) for item in values.values()
             if item.target is not None and item.progress is not None]
    return {"names": [n for n, _ in items], "progress": [p for _, p in items]}
