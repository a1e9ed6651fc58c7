"""What the dashboards show: one period's report of the province or a zone, its indicator
table, key figures, the ranking of zones, and the chart options (trends cost one query).
Zones with no contract in the period are left out of the ranking (and named), so no zone
is "first" among zeros. Programme statuses come from the caller (zone code -> status
code, and status labels)."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from matchhub.core.money import format_money
from matchhub.core.regions import home_province, zones
from matchhub.zones.statistics import charts
from matchhub.zones.statistics.indicator_table import IndicatorRow, indicator_rows, target_text
from matchhub.zones.statistics.periods import Period
from matchhub.zones.statistics.report import build_report
from matchhub.zones.statistics.trends import quarterly_totals, scope_series
from matchhub.zones.statistics.values import UnzonedContracts, Value, YearReport

TREND_YEARS = 5
KPI_KEYS = ("contract_volume_output", "contract_count_output", "tech_income_output",
            "contract_volume_absorbed", "contract_volume_output_growth",
            "large_contracts_output")


@dataclass
class RankRow:
    rank: int
    code: str
    name: str
    volume: Decimal
    count: int
    absorbed: Decimal
    growth: str | None
    target: Decimal | None
    progress: str | None
    status: str


@dataclass
class Kpi:
    name: str
    shown: str
    target: str
    progress: str | None


@dataclass
class Dashboard:
    year: int
    code: str
    name: str
    values: dict[str, Value]
    rows: list[IndicatorRow]
    kpis: list[Kpi]
    ranking: list[RankRow]
    charts: dict[str, Any]
    rank: int | None = None
    status: str = ""
    unzoned: UnzonedContracts | None = field(default=None)
    period: Period | None = None
    unranked: list[str] = field(default_factory=list)  # zones with nothing to rank


def _shown(item: Value) -> str:
    if item.value is None:
        return "—"
    return format_money(Decimal(item.value)) if item.unit == "元" else (
        f"{item.value} {item.unit}")


def key_figures(values: dict[str, Value]) -> list[Kpi]:
    return [Kpi(values[k].name, _shown(values[k]), target_text(k, values[k].target),
                values[k].progress) for k in KPI_KEYS]


def ranking(report: YearReport, statuses: Mapping[str, str]) -> list[RankRow]:
    """Zones with contracts in the period by 技术合同成交额 (输出口径), largest first."""
    rows = []
    for zone in report.zones:
        if not zone.indicators["contract_count_output"].value:
            continue
        v = zone.indicators
        volume = v["contract_volume_output"]
        rows.append(RankRow(0, zone.code, zone.name, Decimal(volume.value),
                            v["contract_count_output"].value,
                            Decimal(v["contract_volume_absorbed"].value),
                            v["contract_volume_output_growth"].value,
                            Decimal(volume.target) if volume.target else None,
                            volume.progress, statuses.get(zone.code, "applying")))
    rows.sort(key=lambda r: (-r.volume, r.code))
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows


def unranked(report: YearReport) -> list[str]:
    """The zones left out of the ranking: no contract in the period."""
    return [z.name for z in report.zones if not z.indicators["contract_count_output"].value]


def _charts(session: Session, period: Period, scope: str | None, values: dict[str, Value],
            ranked: list[RankRow]) -> dict[str, Any]:
    first = period.year - TREND_YEARS + 1
    quarters = quarterly_totals(session, first, period.year, home_province().code,
                                until=period.end)
    series = scope_series(quarters, scope, first, period.year)
    return {**charts.trend_charts(series, period),
            **charts.composition_charts(values, "output"),
            **{f"absorbed_{name}": chart for name, chart
               in charts.composition_charts(values, "absorbed").items()},
            "ranking": charts.ranking_chart(ranked),
            "progress": charts.progress_chart(values)}


def _period(period: Period | int) -> Period:
    return Period.of_year(period) if isinstance(period, int) else period


def province_dashboard(session: Session, period: Period | int, today: dt.date,
                       statuses: Mapping[str, str]) -> Dashboard:
    """``statuses``: each zone's programme status code (applying when missing)."""
    report = build_report(session, _period(period), today=today)
    province = report.province
    values = province.indicators
    ranked = ranking(report, statuses)
    return Dashboard(report.year, province.code, province.name, values,
                     indicator_rows(values), key_figures(values), ranked,
                     _charts(session, report.period, None, values, ranked),
                     unzoned=report.unzoned, period=report.period, unranked=unranked(report))


def zone_dashboard(session: Session, code: str, period: Period | int, today: dt.date,
                   statuses: Mapping[str, str], labels: Mapping[str, str]) -> Dashboard:
    """``labels``: the shown name of each programme status code; a zone without
    contracts in the period has no rank."""
    report = build_report(session, _period(period), today=today)
    values = report.zone(code).indicators
    ranked = ranking(report, statuses)
    mine = next((r for r in ranked if r.code == code), None)
    return Dashboard(report.year, code, zones()[code].name, values, indicator_rows(values),
                     key_figures(values), ranked,
                     _charts(session, report.period, code, values, ranked),
                     rank=mine.rank if mine else None,
                     status=labels[statuses.get(code, "applying")], period=report.period,
                     unranked=unranked(report))
