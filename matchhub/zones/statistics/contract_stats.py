"""Contract indicators of one period (a year, half-year, quarter or year to a date),
aggregated in SQL (GROUP BY zone), exact to the fen.

Two calibers: 输出 (output) groups by the seller's zone, 吸纳 (absorbed) by the buyer's;
both count active contracts by registration date. A contract registered in another
province (外省登记) has its seller outside the province, so it falls out of every 输出
figure by the province filter itself and counts for 吸纳 only; a party abroad has no
province and counts nowhere, its contract only by its domestic side. Rows of sellers
(buyers) in the province but in no zone fall in the "" group, so the province total is
the sum of all groups.

Money sums are exact on both databases (matchhub/core/money_sums.py).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from matchhub.contracts.models import Contract
from matchhub.contracts.vocabulary import NO_IP, large_contract_threshold
from matchhub.core.money_sums import MoneySum


@dataclass
class ZoneContractStats:
    """One zone's (or the unzoned remainder's) figures for one caliber and period; every
    breakdown has the contract count of each cell beside its amount."""

    count: int = 0
    volume: Decimal = Decimal("0.00")
    tech_income: Decimal = Decimal("0.00")
    large_count: int = 0
    large_volume: Decimal = Decimal("0.00")
    ip_count: int = 0
    ip_volume: Decimal = Decimal("0.00")
    by_type: dict[str, Decimal] = field(default_factory=dict)
    count_by_type: dict[str, int] = field(default_factory=dict)
    by_party: dict[str, Decimal] = field(default_factory=dict)
    count_by_party: dict[str, int] = field(default_factory=dict)
    by_field: dict[str, Decimal] = field(default_factory=dict)
    count_by_field: dict[str, int] = field(default_factory=dict)
    by_quarter: dict[int, Decimal] = field(default_factory=dict)
    count_by_quarter: dict[int, int] = field(default_factory=dict)


BREAKDOWNS = ("by_type", "count_by_type", "by_party", "count_by_party", "by_field",
              "count_by_field", "by_quarter", "count_by_quarter")


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def caliber_filter(side: str, province: str, first_year: int, last_year: int):
    """Active contracts whose seller (output) or buyer (absorbed) is in the province,
    registered in the years first_year..last_year."""
    return dates_filter(side, province, year_bounds(first_year)[0], year_bounds(last_year)[1])


def dates_filter(side: str, province: str, start: dt.date, stop: dt.date):
    """The caliber's active contracts registered from ``start`` up to (not on) ``stop``."""
    return and_(Contract.status == "active",
                getattr(Contract, f"{side}_province") == province,
                Contract.registered_on >= start, Contract.registered_on < stop)


def registration_quarter():
    """The quarter (1-4) of the registration date, as SQL."""
    month = func.extract("month", Contract.registered_on)
    return case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4)


class YearAggregation:
    """The GROUP BY queries of one period's report over one caliber (seller or buyer
    side); registered from ``start`` to ``end`` (both included)."""

    def __init__(self, session: Session, start: dt.date, end: dt.date, province: str,
                 side: str):
        self.session = session
        self.side = side
        self.money = MoneySum(session)
        self.zone = getattr(Contract, f"{side}_zone")
        self.where = dates_filter(side, province, start, end + dt.timedelta(days=1))
        self.stats: dict[str, ZoneContractStats] = defaultdict(ZoneContractStats)

    def _rows(self, *columns, group=()):
        stmt = select(self.zone, *columns).where(self.where).group_by(self.zone, *group)
        return self.session.execute(stmt)

    def totals(self, by_type_and_quarter: bool = True) -> "YearAggregation":
        """Counts and sums, in one pass grouped by zone (and type and quarter: a few
        hundred groups at most, folded into per-zone totals below)."""
        large = Contract.volume >= large_contract_threshold()
        has_ip = Contract.ip_type != NO_IP
        m = self.money
        group = (Contract.contract_type, registration_quarter()) if by_type_and_quarter else ()
        rows = self._rows(*group, func.count(), m.total(Contract.volume),
                          m.total(Contract.tech_income), func.sum(case((large, 1), else_=0)),
                          m.total(Contract.volume, large), func.sum(case((has_ip, 1), else_=0)),
                          m.total(Contract.volume, has_ip), group=group)
        for row in rows:
            zone, keys, figures = row[0], row[1:1 + len(group)], row[1 + len(group):]
            self._add(self.stats[zone], keys, *figures)
        return self

    def _add(self, s: ZoneContractStats, keys, count, volume, income, n_large, v_large,
             n_ip, v_ip) -> None:
        m = self.money
        volume = m.to_decimal(volume)
        s.count += count
        s.volume += volume
        s.tech_income += m.to_decimal(income)
        s.large_count += int(n_large or 0)
        s.large_volume += m.to_decimal(v_large)
        s.ip_count += int(n_ip or 0)
        s.ip_volume += m.to_decimal(v_ip)
        if keys:
            kind, quarter = keys[0], int(keys[1])
            s.by_type[kind] = s.by_type.get(kind, Decimal(0)) + volume
            s.count_by_type[kind] = s.count_by_type.get(kind, 0) + count
            s.by_quarter[quarter] = s.by_quarter.get(quarter, Decimal(0)) + volume
            s.count_by_quarter[quarter] = s.count_by_quarter.get(quarter, 0) + count

    def composition(self) -> "YearAggregation":
        """Volume by the seller's (buyer's) party type and by technical field."""
        party = getattr(Contract, f"{self.side}_party_type")
        self._breakdown(party, "by_party")
        self._breakdown(Contract.tech_field, "by_field")
        return self

    def _breakdown(self, column, name: str) -> None:
        m = self.money
        for zone, kind, count, volume in self._rows(column, func.count(),
                                                    m.total(Contract.volume), group=(column,)):
            getattr(self.stats[zone], name)[kind] = m.to_decimal(volume)
            getattr(self.stats[zone], f"count_{name}")[kind] = count


def year_stats(session: Session, year: int, province: str, side: str = "seller",
               detail: bool = True) -> dict[str, ZoneContractStats]:
    """Figures by zone code ("" = in the province, in no zone) for one caliber and year."""
    start, stop = year_bounds(year)
    return span_stats(session, start, stop - dt.timedelta(days=1), province, side, detail)


def span_stats(session: Session, start: dt.date, end: dt.date, province: str,
               side: str = "seller", detail: bool = True) -> dict[str, ZoneContractStats]:
    """Figures by zone code for one caliber, registered from start to end (included)."""
    aggregation = YearAggregation(session, start, end, province, side).totals(detail)
    if detail:
        aggregation.composition()
    return dict(aggregation.stats)


def combine(parts: list[ZoneContractStats]) -> ZoneContractStats:
    """The sum of several groups (the province from its zones), from the same rows."""
    total = ZoneContractStats()
    for part in parts:
        for name in ("count", "volume", "tech_income", "large_count", "large_volume",
                     "ip_count", "ip_volume"):
            setattr(total, name, getattr(total, name) + getattr(part, name))
        for name in BREAKDOWNS:
            mine = getattr(total, name)
            for key, value in getattr(part, name).items():
                mine[key] = mine.get(key, 0) + value
    return total


def registered_elsewhere(session: Session, start: dt.date, end: dt.date, province: str
                         ) -> dict[str, tuple[int, Decimal]]:
    """Buyer zone -> (count, 成交额) of the active contracts registered in another province
    (外省登记) from start to end (included), part of the 吸纳 figures; for the provenance."""
    money = MoneySum(session)
    stmt = (select(Contract.buyer_zone, func.count(), money.total(Contract.volume))
            .where(dates_filter("buyer", province, start, end + dt.timedelta(days=1)),
                   Contract.registered_elsewhere.is_(True))
            .group_by(Contract.buyer_zone))
    return {zone: (count, money.to_decimal(volume))
            for zone, count, volume in session.execute(stmt)}
