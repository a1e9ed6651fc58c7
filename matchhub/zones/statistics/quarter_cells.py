"""The base cells of the public summaries: one year's contracts by zone and quarter, and
by zone, quarter and category (contract type, the party's group, technical field), for
one caliber side. Every public figure is a sum of these cells."""

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchhub.contracts.models import Contract
from matchhub.contracts.vocabulary import (
    fold_licences,
    party_group_of,
    party_groups,
    report_types,
)
from matchhub.core.money_sums import MoneySum
from matchhub.core.vocabularies import Vocabulary, vocabulary
from matchhub.zones.statistics.contract_stats import caliber_filter, registration_quarter
from matchhub.zones.statistics.trends import Totals

Cells = dict[tuple[int, str], Totals]  # (quarter, category) -> totals


def dimensions(year: int, side: str) -> dict[str, tuple[str, Vocabulary]]:
    """Public breakdown name -> (its column, its vocabulary)."""
    return {"type": ("contract_type", report_types(year)),
            "party_group": (f"{side}_party_type", party_groups()),
            "field": ("tech_field", vocabulary("tech_fields"))}


def _category(dimension: str, code: str, year: int) -> str:
    if dimension == "type":
        return next(iter(fold_licences({code: 0}, year)))
    if dimension == "party_group":
        return party_group_of().get(code, "other")
    return code


def zone_cells(session: Session, year: int, province: str, side: str, zone: str,
               dimension: str) -> Cells:
    """One zone's cells of one breakdown, by quarter and category."""
    column = getattr(Contract, dimensions(year, side)[dimension][0])
    quarter = registration_quarter()
    money = MoneySum(session)
    stmt = (select(quarter, column, func.count(), money.total(Contract.volume))
            .where(caliber_filter(side, province, year, year),
                   getattr(Contract, f"{side}_zone") == zone)
            .group_by(quarter, column))
    cells: Cells = defaultdict(Totals)
    for q, code, count, volume in session.execute(stmt):
        cells[(int(q), _category(dimension, code, year))].add(
            Totals(count, money.to_decimal(volume)))
    return dict(cells)
