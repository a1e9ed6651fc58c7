"""The dashboards' charts as complete ECharts options, built here so that what a page
draws can be read and tested: money in one unit per chart (亿元 or 万元, whichever suits
its largest amount, rounded only here); quarters as bars, lines straight (never smoothed);
nothing after the period's end (or today) is drawn; every category and series takes its
colour from ``palette``; a chart with nothing to show has no option and the page prints
``EMPTY`` in its place.

Each chart is a slot ``{"option": dict | None, "unit": str, "empty": EMPTY}``.
"""

from decimal import Decimal
from typing import Any

from matchhub.core.money import WAN, YI
from matchhub.zones.statistics.palette import colour
from matchhub.zones.statistics.periods import Period
from matchhub.zones.statistics.trends import Totals
from matchhub.zones.statistics.values import Value

EMPTY = "本期暂无数据"
# composition chart -> (report key stem, breakdown, vocabulary of its colours)
COMPOSITIONS = {
    "type": ("contract_volume", "type", "contract_types"),
    "party": ("contract_volume", "party_group", "party_groups"),
    "field": ("contract_volume", "field", "tech_fields"),
}


def chart_unit(amounts: list[Decimal]) -> tuple[Decimal, str]:
    return (YI, "亿元") if amounts and max(amounts) >= YI else (WAN, "万元")


def _numbers(amounts: list[Decimal], factor: Decimal) -> list[float]:
    return [float((a / factor).quantize(Decimal("0.0001"))) for a in amounts]


def slot(option: dict[str, Any] | None, unit: str = "") -> dict[str, Any]:
    return {"option": option, "unit": unit, "empty": EMPTY}


def bar(name: str, data: list, series_colour: str, **extra) -> dict[str, Any]:
    return {"name": name, "type": "bar", "data": data,
            "itemStyle": {"color": series_colour}, **extra}


def line(name: str, data: list, series_colour: str, **extra) -> dict[str, Any]:
    return {"name": name, "type": "line", "smooth": False, "data": data,
            "lineStyle": {"color": series_colour}, "itemStyle": {"color": series_colour},
            **extra}


def axes_option(categories: list[str], series: list[dict], unit: str,
                horizontal: bool = False) -> dict[str, Any]:
    """Bars (and lines) over categories; tooltips drawn on the canvas (richText) since
    the Content-Security-Policy blocks the inline styles of HTML tooltips."""
    value_axis = {"type": "value", "name": unit, "axisLabel": {"hideOverlap": True}}
    category_axis = {"type": "category", "data": categories,
                     "axisLabel": {"interval": 0, "rotate": 0 if horizontal else 30}}
    return {"tooltip": {"trigger": "axis", "renderMode": "richText"},
            "legend": {"top": 0},
            "grid": {"left": 8, "right": 24, "top": 36, "bottom": 8, "containLabel": True},
            "xAxis": value_axis if horizontal else category_axis,
            "yAxis": category_axis if horizontal else value_axis,
            "series": series}


def _year_label(year: int, period: Period) -> str:
    """The period's own year counts only up to the period's end, and says so."""
    if year == period.year and (period.end.month, period.end.day) != (12, 31):
        return f"{year}年（截至{period.end.month}月{period.end.day}日）"
    return f"{year}年"


def trend_charts(series: dict[int, dict[int, Totals]], period: Period) -> dict[str, Any]:
    """Yearly and quarterly 成交额 and 合同数 of one scope (``trends.scope_series``, cut at
    the period's end): the yearly trend and the quarters, none after the period."""
    years = sorted(series)
    yearly = [sum((t.volume for t in series[y].values()), Decimal(0)) for y in years]
    counts = [sum(t.count for t in series[y].values()) for y in years]
    shown = [(y, q) for y in years for q in (1, 2, 3, 4)
             if y < period.year or (q in period.quarters)]
    quarterly = [series[y][q].volume for y, q in shown]
    return {"trend": _yearly(years, yearly, counts, period),
            "quarters": _quarterly(shown, quarterly)}


def _yearly(years: list[int], volumes: list[Decimal], counts: list[int],
            period: Period) -> dict[str, Any]:
    if not any(volumes) and not any(counts):
        return slot(None)
    factor, unit = chart_unit(volumes)
    option = axes_option([_year_label(y, period) for y in years], [
        bar("成交额", _numbers(volumes, factor), colour("series", "volume")),
        line("合同数", counts, colour("series", "count"), yAxisIndex=1)], unit)
    option["yAxis"] = [{"type": "value", "name": unit}, {"type": "value", "name": "项"}]
    return slot(option, unit)


def _quarterly(shown: list[tuple[int, int]], volumes: list[Decimal]) -> dict[str, Any]:
    if not any(volumes):
        return slot(None)
    factor, unit = chart_unit(volumes)
    option = axes_option([f"{y}Q{q}" for y, q in shown],
                         [bar("成交额", _numbers(volumes, factor), colour("series", "volume"))],
                         unit)
    option["xAxis"]["axisLabel"] = {"interval": 3}  # one label a year
    return slot(option, unit)


def _items(item: Value, vocabulary: str) -> tuple[list[dict[str, Any]], str]:
    """Non-zero categories, largest first, each in its own fixed colour."""
    amounts = {code: Decimal(v) for code, v in item.value.items() if v is not None and Decimal(v)}
    factor, unit = chart_unit(list(amounts.values()))
    ordered = sorted(amounts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"name": item.labels.get(code, code), "value": _numbers([a], factor)[0],
             "itemStyle": {"color": colour(vocabulary, code)}} for code, a in ordered], unit


def pie(item: Value, vocabulary: str) -> dict[str, Any]:
    items, unit = _items(item, vocabulary)
    if not items:
        return slot(None, unit)
    return slot({"tooltip": {"trigger": "item", "renderMode": "richText",
                             "formatter": "{b}：{c} " + unit + "（{d}%）"},
                 "legend": {"type": "scroll", "orient": "vertical", "right": 0, "top": "middle"},
                 "series": [{"type": "pie", "radius": ["30%", "60%"], "center": ["40%", "50%"],
                             "label": {"formatter": "{d}%", "overflow": "none"},
                             "data": items}]}, unit)


def category_bars(item: Value, vocabulary: str) -> dict[str, Any]:
    items, unit = _items(item, vocabulary)
    if not items:
        return slot(None, unit)
    data = [{"value": i["value"], "itemStyle": i["itemStyle"]} for i in items]
    return slot(axes_option([i["name"] for i in items],
                            [bar("成交额", data, colour("series", "volume"))], unit), unit)


def composition_charts(values: dict[str, Value], suffix: str = "output") -> dict[str, Any]:
    """The type and party pies and the field bars of one caliber."""
    found = {}
    for name, (stem, breakdown, vocabulary) in COMPOSITIONS.items():
        item = values.get(f"{stem}_{suffix}_by_{breakdown}")
        if item is None:
            found[name] = slot(None)
        elif name == "field":
            found[name] = category_bars(item, vocabulary)
        else:
            found[name] = pie(item, vocabulary)
    return found


def ranking_chart(rows: list[Any]) -> dict[str, Any]:
    """Ranked zones by 成交额 (largest on top) with their targets, where set."""
    if not rows:
        return slot(None)
    ordered = list(reversed(rows))
    amounts = [r.volume for r in ordered] + [r.target for r in ordered if r.target]
    factor, unit = chart_unit(amounts)
    series = [bar("成交额", _numbers([r.volume for r in ordered], factor),
                  colour("series", "volume"))]
    if any(r.target for r in ordered):
        series.append(bar("目标", [_numbers([r.target], factor)[0] if r.target else None
                                   for r in ordered], colour("series", "target")))
    return slot(axes_option([r.name for r in ordered], series, unit, horizontal=True), unit)


def progress_chart(values: dict[str, Value]) -> dict[str, Any]:
    """Targets vs actuals of one scope: the progress (%) of every value with a target."""
    items = [(item.name, float(item.progress)) for item in values.values()
             if item.target is not None and item.progress is not None]
    if not items:
        return slot(None, "%")
    option = axes_option([n for n, _ in items], [bar(
        "完成进度", [p for _, p in items], colour("series", "progress"), barMaxWidth=28,
        markLine={"data": [{"xAxis": 100}], "symbol": "none"})], "%", horizontal=True)
    return {**slot(option, "%"), "height": 90 + 44 * len(items)}
