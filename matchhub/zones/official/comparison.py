"""A published figure beside the one computed from the registry, and what explains the
difference: contracts registered in other provinces (外省登记, in the computed 吸纳
figure), contracts registered, corrected or cancelled after the publication date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from matchhub.contracts.models import Contract, ContractChange
from matchhub.core import clock
from matchhub.core.money_sums import MoneySum
from matchhub.core.regions import zones
from matchhub.zones.models import OfficialFigure
from matchhub.zones.official.periods import SIDES, period_bounds

ZERO = Decimal("0.00")


@dataclass
class Part:
    """Contracts behind one explanation: how many and their 成交额 (元, signed: what
    they add to the computed figure today compared with the publication date)."""

    count: int = 0
    volume: Decimal = ZERO


@dataclass
class Comparison:
    figure: OfficialFigure
    computed: Part
    elsewhere: Part  # 外省登记 contracts within the computed figure
    added_after: Part = field(default_factory=Part)
    corrected_after: Part = field(default_factory=Part)
    cancelled_after: Part = field(default_factory=Part)

    @property
    def dated(self) -> bool:
        return self.figure.published_on is not None

    @property
    def volume_difference(self) -> Decimal | None:
        """Official minus computed (元); None when no 成交额 was published."""
        if self.figure.volume is None:
            return None
        return self.figure.volume - self.computed.volume

    @property
    def count_difference(self) -> int | None:
        if self.figure.contract_count is None:
            return None
        return self.figure.contract_count - self.computed.count

    @property
    def at_publication(self) -> Part:
        """The computed figure as the records stood on the publication date (corrections
        change amounts, not the number of contracts)."""
        later = (self.added_after, self.corrected_after, self.cancelled_after)
        return Part(self.computed.count - self.added_after.count - self.cancelled_after.count,
                    self.computed.volume - sum((p.volume for p in later), ZERO))

    @property
    def unexplained_volume(self) -> Decimal | None:
        if self.figure.volume is None:
            return None
        return self.figure.volume - self.at_publication.volume


def _scope_filter(scope_code: str, side: str):
    column = "zone" if scope_code in zones() else "province"
    return getattr(Contract, f"{side}_{column}") == scope_code


def _period_filter(figure: OfficialFigure):
    start, end = period_bounds(figure.year, figure.period)
    side = SIDES[figure.caliber]
    return and_(_scope_filter(figure.scope_code, side), Contract.registered_on >= start,
                Contract.registered_on < end)


def _part(session: Session, *where) -> Part:
    money = MoneySum(session)
    count, volume = session.execute(
        select(func.count(), money.total(Contract.volume)).where(*where)).one()
    return Part(count, money.to_decimal(volume).quantize(ZERO))


def _cutoff(day: dt.date) -> dt.datetime:
    """The end of the publication day in the configured time zone, as UTC (stored times)."""
    local = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=clock.zone())
    return local.astimezone(dt.UTC)


def _changed_after(cutoff: dt.datetime, action: str, field_name: str | None = None):
    change = select(ContractChange.contract_id).where(
        ContractChange.action == action, ContractChange.created_at >= cutoff)
    if field_name:
        change = change.where(ContractChange.field == field_name)
    return Contract.id.in_(change)


def _corrected(session: Session, where, cutoff: dt.datetime) -> Part:
    """Net change of 成交额 by corrections after the cutoff, of contracts that counted."""
    stmt = (select(Contract.id, Contract.volume, ContractChange.old_value)
            .join(ContractChange, ContractChange.contract_id == Contract.id)
            .where(where, Contract.status == "active", Contract.created_at < cutoff,
                   ContractChange.action == "update", ContractChange.field == "volume",
                   ContractChange.created_at >= cutoff)
            .order_by(Contract.id, ContractChange.id))
    first: dict[int, Decimal] = {}
    for contract_id, volume, old in session.execute(stmt):
        first.setdefault(contract_id, Decimal(volume).quantize(ZERO) - Decimal(old))
    return Part(len(first), sum(first.values(), ZERO))


def compare(session: Session, figure: OfficialFigure) -> Comparison:
    where = _period_filter(figure)
    active = and_(where, Contract.status == "active")
    result = Comparison(figure, _part(session, active),
                        _part(session, active, Contract.registered_elsewhere.is_(True)))
    if figure.published_on is None:
        return result
    cutoff = _cutoff(figure.published_on)
    result.added_after = _part(session, active, Contract.created_at >= cutoff)
    result.corrected_after = _corrected(session, where, cutoff)
    cancelled = _part(session, where, Contract.status == "cancelled",
                      Contract.created_at < cutoff, _changed_after(cutoff, "cancel"))
    result.cancelled_after = Part(-cancelled.count, -cancelled.volume)
    return result
