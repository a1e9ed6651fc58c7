"""Contract totals over several years in one GROUP BY (zone, year, quarter) query, for the
dashboards' trend charts; the same caliber and exact sums as the yearly report."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from matchhub.contracts.models import Contract
from matchhub.core.money_sums import MoneySum
from matchhub.zones.statistics.contract_stats import (
    caliber_filter,
    registration_quarter,
)


@dataclass
class Totals:
    count: int = 0
    volume: Decimal = Decimal("0.00")

    def add(self, other: "Totals") -> None:
        self.count += other.count
        self.volume += other.volume


def quarterly_totals(session: Session, first: int, last: int, province: str,
                     side: str = "seller", until: dt.date | None = None,
                     ) -> dict[tuple[str, int, int], Totals]:
    """(zone, year, quarter) -> active contracts registered then; zone "" = in no zone.
    ``until``: the last registration day counted (a period's end)."""
    zone = getattr(Contract, f"{side}_zone")
    year = cast(func.extract("year", Contract.registered_on), Integer)
    quarter = registration_quarter()
    money = MoneySum(session)
    where = caliber_filter(side, province, first, last)
    if until is not None:
        where = where & (Contract.registered_on <= until)
    stmt = (select(zone, year, quarter, func.count(), money.total(Contract.volume))
            .where(where).group_by(zone, year, quarter))
    return {(code, int(y), int(q)): Totals(count, money.to_decimal(volume))
            for code, y, q, count, volume in session.execute(stmt)}


def yearly_totals(session: Session, first: int, last: int, province: str,
                  side: str = "seller") -> dict[tuple[str, int], Totals]:
    """(zone, year) -> totals of the years first..last, from one query."""
    return sum_quarters(quarterly_totals(session, first, last, province, side))


def sum_quarters(quarters: dict[tuple[str, int, int], Totals]) -> dict[tuple[str, int], Totals]:
    years: dict[tuple[str, int], Totals] = defaultdict(Totals)
    for (code, year, _quarter), totals in quarters.items():
        years[(code, year)].add(totals)
    return dict(years)


def scope_series(quarters: dict[tuple[str, int, int], Totals], scope: str | None,
                 first: int, last: int) -> dict[int, dict[int, Totals]]:
    """year -> quarter -> totals of one zone, or of the province (scope None), with zeros."""
    series = {y: {q: Totals() for q in (1, 2, 3, 4)} for y in range(first, last + 1)}
    for (code, year, quarter), totals in quarters.items():
        if scope is None or code == scope:
            series[year][quarter].add(totals)
    return series
