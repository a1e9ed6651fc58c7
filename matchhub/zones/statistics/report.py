"""The yearly indicator report of every zone and the province (``zones report --json``),
as a ``YearReport``.

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
    year_stats,
)
from matchhub.zones.statistics.contract_values import absorbed_values, output_values
from matchhub.zones.statistics.entered_values import (
    featured_value,
    policy_values,
    registry_values,
    reported_values,
)
from matchhub.zones.statistics.registry_stats import registry_counts
from matchhub.zones.statistics.values import (
    ScopeReport,
    UnzonedContracts,
    Value,
    YearReport,
    percent,
)

UNZONED = ""


@dataclass
class YearData:
    """Everything one year's report reads, loaded once."""

    year: int
    as_of: dt.date
    output: dict[str, ZoneContractStats]
    absorbed: dict[str, ZoneContractStats]
    elsewhere: dict[str, tuple[int, Decimal]]  # 外省登记 within 吸纳, by buyer zone
    previous: dict[str, ZoneContractStats]
    registry: dict
    reported: dict
    policies: dict
    featured: dict
    targets: dict[tuple[str, str], Decimal]
    provenance: dict[str, Any]
    amendments: dict[str, list[dict]]  # officers' corrections and cancellations, by zone


def load_year(session: Session, year: int, today: dt.date) -> YearData:
    province = home_province().code
    as_of = min(dt.date(year, 12, 31), today)
    provenance = {"kind": "computed", "computed_at": utcnow().isoformat(timespec="seconds"),
                  "from": f"{year}-01-01", "to": as_of.isoformat()}
    return YearData(
        year, as_of,
        output=year_stats(session, year, province, "seller"),
        absorbed=year_stats(session, year, province, "buyer", detail=False),
        elsewhere=registered_elsewhere(session, year, province),
        previous=year_stats(session, year - 1, province, "seller", detail=False),
        registry=registry_counts(session, as_of),
        reported=entries.latest_reported(session, year),
        policies=entries.policies(session, year),
        featured=entries.featured(session, year),
        targets=entries.targets(session, year),
        provenance=provenance,
        amendments=contract_queries.amendments(session, dt.date(year, 1, 1), as_of),
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


def zone_indicators(data: YearData, code: str) -> dict[str, Value]:
    empty = ZoneContractStats()
    output_provenance = {**data.provenance, "amendments": data.amendments.get(code, [])}
    values = [
        *output_values(data.output.get(code, empty), data.previous.get(code, empty),
                       output_provenance, data.year),
        *absorbed_values(data.absorbed.get(code, empty), data.provenance,
                         data.elsewhere.get(code, (0, Decimal(0)))),
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
        *output_values(combine(list(data.output.values())),
                       combine(list(data.previous.values())), data.provenance, data.year),
        *absorbed_values(combine(list(data.absorbed.values())), data.provenance,
                         _sum_elsewhere(data.elsewhere)),
        *registry_values(data.registry, None, data.as_of),
        *reported_values(data.reported, province),
    ]
    return _with_targets(values, data.targets, province)


def _unzoned(data: YearData) -> UnzonedContracts | None:
    unzoned = data.output.get(UNZONED)
    if unzoned is None or not unzoned.count:
        return None
    return UnzonedContracts(unzoned.count, unzoned.volume)


def build_report(session: Session, year: int, zone: str | None = None,
                 today: dt.date | None = None) -> YearReport:
    """The report of one year: every zone (or one) and the province."""
    data = load_year(session, year, today or clock.today())
    codes = [zone] if zone else list(zones())
    province = home_province()
    return YearReport(
        year, data.provenance["computed_at"],
        [ScopeReport(code, zones()[code].name, zone_indicators(data, code)) for code in codes],
        ScopeReport(province.code, province.name, province_indicators(data)),
        _unzoned(data))
