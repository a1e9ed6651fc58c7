"""Public summaries: what everyone who may not see a zone's full dashboard sees of it
(and of the province), under the suppression rule of ``suppression``: totals and
counts, and breakdowns with small cells (and their complements) hidden."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from matchhub.core.regions import home_province, zones
from matchhub.zones.statistics.contract_values import CALIBERS, Caliber
from matchhub.zones.statistics.periods import Period
from matchhub.zones.statistics.quarter_cells import dimensions, zone_cells
from matchhub.zones.statistics.suppression import (
    LATTICE,
    PROVINCE,
    complete_quarters,
    lattice_key,
    lattice_period,
    published_cells,
    published_totals,
)
from matchhub.zones.statistics.trends import quarterly_totals
from matchhub.zones.statistics.values import growth

BREAKDOWN_NAMES = {"type": "按合同类型", "party_group": "按{party}类别", "field": "按技术领域"}
HIDDEN_NOTE = "少于 3 项合同的数据及可由其他数据推算出它们的数据不公开"


@dataclass
class PublicFigure:
    count: int | None  # None: not published
    volume: Decimal | None  # None: not published

    @property
    def hidden(self) -> bool:
        return self.volume is None


@dataclass
class PublicBreakdown:
    name: str
    rows: list[tuple[str, PublicFigure]]  # (label, figure), in vocabulary order

    @property
    def hidden(self) -> int:
        return sum(1 for _label, figure in self.rows if figure.hidden)


@dataclass
class PublicCaliber:
    word: str  # 输出 | 吸纳
    total: PublicFigure
    growth: str | None
    quarters: list[tuple[str, PublicFigure]]
    breakdowns: list[PublicBreakdown] = field(default_factory=list)


@dataclass
class PublicRankRow:
    rank: int
    code: str
    name: str
    count: int
    volume: Decimal


@dataclass
class PublicSummary:
    """A zone's (or, with ranking, the province's) public summary of one period."""

    code: str
    name: str
    period: Period | None  # None: no complete quarter yet
    calibers: list[PublicCaliber]
    ranking: list[PublicRankRow] = field(default_factory=list)
    hidden_zones: list[str] = field(default_factory=list)
    empty_zones: list[str] = field(default_factory=list)
    note: str = HIDDEN_NOTE


class _Year:
    """One year's quarter totals of one caliber, and which sums of them are public."""

    def __init__(self, session: Session, year: int, side: str, today: dt.date):
        province = home_province().code
        raw = quarterly_totals(session, year, year, province, side)
        self.totals = {(zone, q): t for (zone, _y, q), t in raw.items()}
        self.done = complete_quarters(year, today)
        self.published = published_totals(self.totals, list(zones()), self.done)

    def figure(self, scope: str, key: str) -> PublicFigure:
        quarters = dict(LATTICE)[key]
        parts = [t for (zone, q), t in self.totals.items()
                 if q in quarters and (scope == PROVINCE or zone == scope)]
        count = sum(t.count for t in parts)
        volume = sum((t.volume for t in parts), Decimal("0.00"))
        return PublicFigure(count, volume if (scope, key) in self.published else None)


def _caliber(session: Session, c: Caliber, scope: str, period: Period, key: str,
             today: dt.date) -> tuple[PublicCaliber, _Year]:
    current = _Year(session, period.year, c.side, today)
    before = _Year(session, period.year - 1, c.side, today)
    total, previous = current.figure(scope, key), before.figure(scope, key)
    change = None if total.hidden or previous.hidden else growth(total.volume, previous.volume)
    quarters = [(f"第{q}季度", current.figure(scope, f"Q{q}")) for q in dict(LATTICE)[key]]
    return PublicCaliber(c.word, total, change, quarters), current


def _breakdowns(session: Session, c: Caliber, code: str, key: str, year: _Year,
                calendar_year: int) -> list[PublicBreakdown]:
    totals = {k for scope, k in year.published if scope == code}
    found = []
    for name, (_column, vocab) in dimensions(calendar_year, c.side).items():
        cells = zone_cells(session, calendar_year, home_province().code, c.side, code, name)
        shown = published_cells(cells, vocab.codes, totals, year.done)
        quarters = dict(LATTICE)[key]
        rows = []
        for category in vocab.codes:
            parts = [t for (q, cat), t in cells.items() if q in quarters and cat == category]
            visible = (key, category) in shown
            rows.append((vocab.labels[category], PublicFigure(
                sum(t.count for t in parts) if visible else None,
                sum((t.volume for t in parts), Decimal("0.00")) if visible else None)))
        found.append(PublicBreakdown(BREAKDOWN_NAMES[name].format(party=c.party), rows))
    return found


def zone_summary(session: Session, code: str, period: Period, today: dt.date,
                 breakdowns: bool = True) -> PublicSummary:
    key = lattice_key(period, today)
    name = zones()[code].name
    if key is None:
        return PublicSummary(code, name, None, [])
    shown = lattice_period(period.year, key)
    calibers = []
    for c in CALIBERS:
        caliber, year = _caliber(session, c, code, shown, key, today)
        if breakdowns:
            caliber.breakdowns = _breakdowns(session, c, code, key, year, shown.year)
        calibers.append(caliber)
    return PublicSummary(code, name, shown, calibers)


def province_summary(session: Session, period: Period, today: dt.date) -> PublicSummary:
    province = home_province()
    key = lattice_key(period, today)
    if key is None:
        return PublicSummary(province.code, province.name, None, [])
    shown = lattice_period(period.year, key)
    calibers, output = [], None
    for c in CALIBERS:
        caliber, year = _caliber(session, c, PROVINCE, shown, key, today)
        calibers.append(caliber)
        output = output or year
    summary = PublicSummary(province.code, province.name, shown, calibers)
    _rank(summary, output, key)
    return summary


def _rank(summary: PublicSummary, year: _Year, key: str) -> None:
    """Zones with a published, non-zero 成交额 (输出), largest first; the others named."""
    rows = []
    for code, zone in zones().items():
        figure = year.figure(code, key)
        if not figure.count:
            summary.empty_zones.append(zone.name)
        elif figure.hidden:
            summary.hidden_zones.append(zone.name)
        else:
            rows.append(PublicRankRow(0, code, zone.name, figure.count, figure.volume))
    rows.sort(key=lambda r: (-r.volume, r.code))
    for position, row in enumerate(rows, start=1):
        row.rank = position
    summary.ranking = rows
