"""The indicator report of every zone and the province for one period (a year by
default; ``zones report --json``), as a ``YearReport``.

Contract figures come from GROUP BY queries over the registry; the province's figures
are the sum of its zones' (and of contracts in the province but in no zone), from the
same rows. Every value carries its unit, caliber and provenance; targets and progress
are attached where the province set a target.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from matchhub.contracts import queries as contract_queries
from matchhub.core import clock
from matchhub.core.db_types import utcnow
from matchhub.core.regions import home_province, zones
from matchhub.zones.entries import recording as entries
from matchhub.zones.statistics.contract_stats import (
    ZoneContractStats,
    combine,
    registered_elsewhere,
    span_stats,
)
from matchhub.zones.statistics.contract_values import CALIBERS, caliber_values
from matchhub.zones.statistics.entered_values import (
    featured_value,
    policy_values,
    province_reported_values,
    registry_values,
    reported_values,
)
from matchhub.zones.statistics.periods import Period
from matchhub.zones.statistics.registry_stats import registry_counts
from matchhub.zones.statistics.values import (
    ScopeReport,
    UnzonedContracts,
    Value,
    YearReport,
    money_text,
    percent,
)

UNZONED = ""


@dataclass
class YearData:
    """Everything one period's report reads, loaded once. Contract figures by caliber
    side (seller, buyer), for the period and for the same period of the previous year."""

    year: int
    as_of: dt.date
    period: Period
    contracts: dict[str, dict[str, ZoneContractStats]]
    previous: dict[str, dict[str, ZoneContractStats]]
    elsewhere: dict[str, tuple[int, Decimal]]  # 外省登记 within 吸纳, by buyer zone
    registry: dict
    reported: dict
    policies: dict
    featured: dict
    targets: dict[tuple[str, str], Decimal]
    provenance: dict[str, Any]
    amendments: dict[str, list[dict]]  # officers' corrections and cancellations, by zone


def _stats(session: Session, period: Period, detail: bool) -> dict:
    province = home_province().code
    return {c.side: span_stats(session, period.start, period.end, province, c.side, detail)
            for c in CALIBERS}


def load_year(session: Session, period: Period, today: dt.date) -> YearData:
    """``period`` is cut at today: an unfinished period compares with the same days of
    the previous year."""
    period = period.cut_at(today)
    year, as_of = period.year, period.end
    provenance = {"kind": "computed", "computed_at": utcnow().isoformat(timespec="seconds"),
                  "from": period.start.isoformat(), "to": as_of.isoformat(),
                  "period": period.label}
    return YearData(
        year, as_of, period,
        contracts=_stats(session, period, detail=True),
        previous=_stats(session, period.previous(), detail=False),
        elsewhere=registered_elsewhere(session, period.start, as_of, home_province().code),
        registry=registry_counts(session, as_of),
        reported=entries.latest_reported(session, year),
        policies=entries.policies(session, year),
        featured=entries.featured(session, year),
        targets=entries.targets(session, year),
        provenance=provenance,
        amendments=contract_queries.amendments(session, period.start, as_of),
    )


def _with_targets(values: list[Value], targets: dict, scope: str) -> dict[str, Value]:
    found = {}
    for value in values:
        target = targets.get((scope, value.key))
        if target is not None:
            value.target = format(target.normalize(), "f")
            if isinstance(value.value, int | str):
                value.progress = percent(Decimal(value.value), target)
        found[value.key] = value
    return found


NONE_ELSEWHERE = (0, Decimal(0))


def _contract_values(data: YearData, pick, amendments: list[dict],
                     elsewhere: tuple[int, Decimal]) -> list[Value]:
    """Both calibers' values; ``pick`` takes one side's stats by zone to one scope's. The
    输出 provenance lists officers' corrections and cancellations; the 吸纳 one names the
    contracts registered in other provinces (外省登记) it includes."""
    extra = {"seller": {"amendments": amendments},
             "buyer": {"registered_elsewhere_contracts": elsewhere[0],
                       "registered_elsewhere_volume": money_text(elsewhere[1])}}
    return [value for c in CALIBERS
            for value in caliber_values(c, pick(data.contracts[c.side]),
                                        pick(data.previous[c.side]),
                                        {**data.provenance, **extra[c.side]}, data.period)]


def zone_indicators(data: YearData, code: str) -> dict[str, Value]:
    empty = ZoneContractStats()
    values = [
        *_contract_values(data, lambda by_zone: by_zone.get(code, empty),
                          data.amendments.get(code, []), data.elsewhere.get(code, NONE_ELSEWHERE)),
        *registry_values(data.registry, code, data.as_of),
        *reported_values(data.reported, code),
        *policy_values(data.policies, code),
        featured_value(data.featured.get(code, [])),
    ]
    return _with_targets(values, data.targets, code)


def _sum_elsewhere(parts: dict[str, tuple[int, Decimal]]) -> tuple[int, Decimal]:
    return (sum(count for count, _ in parts.values()),
            sum((volume for _, volume in parts.values()), Decimal(0)))


def province_indicators(data: YearData) -> dict[str, Value]:
    province = home_province().code
    values = [
        *_contract_values(data, lambda by_zone: combine(list(by_zone.values())),
                          [a for found in data.amendments.values() for a in found],
                          _sum_elsewhere(data.elsewhere)),
        *registry_values(data.registry, None, data.as_of),
        *province_reported_values(data.reported, province, list(zones())),
    ]
    return _with_targets(values, data.targets, province)


def _unzoned(data: YearData) -> UnzonedContracts | None:
    unzoned = data.contracts["seller"].get(UNZONED)
    if unzoned is None or not unzoned.count:
        return None
    return UnzonedContracts(unzoned.count, unzoned.volume)


def build_report(session: Session, period: Period | int, zone: str | None = None,
                 today: dt.date | None = None) -> YearReport:
    """The report of one period (a year when given a year): every zone (or one) and the
    province."""
    if isinstance(period, int):
        period = Period.of_year(period)
    data = load_year(session, period, today or clock.today())
    codes = [zone] if zone else list(zones())
    province = home_province()
    return YearReport(
        data.year, data.provenance["computed_at"],
        [ScopeReport(code, zones()[code].name, zone_indicators(data, code)) for code in codes],
        ScopeReport(province.code, province.name, province_indicators(data)),
        _unzoned(data), data.period)
