"""Read-side queries of the contract registry: the contracts a user may see, with filters,
and the contracts registered from match cases.

``visible_query`` is the SQL twin of ``access.can_view``: a list never shows a
contract whose detail page would be refused.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.contracts import access
from matchhub.contracts.models import Contract, ContractChange
from matchhub.contracts.vocabulary import type_vocabulary
from matchhub.core import clock
from matchhub.core.args import int_problem
from matchhub.core.errors import FieldErrors
from matchhub.core.money_sums import MoneySum
from matchhub.core.regions import zones
from matchhub.core.vocabularies import vocabulary

MIN_YEAR, MAX_YEAR = 1990, 2100
TEXT_LIMIT = 100


@dataclass
class ContractFilters:
    year: int | None = None
    zone: str = ""
    type: str = ""
    field: str = ""
    seller: str = ""
    buyer: str = ""


def _year(errors: FieldErrors, raw: str) -> int | None:
    if not raw:
        return None
    if int_problem(raw, MIN_YEAR, MAX_YEAR) is None:
        return int(raw)
    errors.add("year", f"应为 {MIN_YEAR}-{MAX_YEAR} 之间的年份")
    return None


def parse_filters(args: Mapping) -> ContractFilters:
    """Filters from query-string args; raises ValidationFailed naming each bad parameter."""
    errors = FieldErrors()
    raw = {key: str(args.get(key) or "").strip() for key in ContractFilters.__annotations__}
    filters = ContractFilters(year=_year(errors, raw["year"]), zone=raw["zone"],
                              type=raw["type"], field=raw["field"],
                              seller=raw["seller"][:TEXT_LIMIT], buyer=raw["buyer"][:TEXT_LIMIT])
    if filters.zone and filters.zone not in zones():
        errors.add("zone", "未知的示范区代码")
    if filters.type and filters.type not in type_vocabulary():
        errors.add("type", "取值无效")
    if filters.field and filters.field not in vocabulary("tech_fields"):
        errors.add("field", "取值无效")
    errors.raise_if_any()
    return filters


def _visibility(user: User | None):
    """The WHERE clause of ``access.can_view`` for this user."""
    if not access.can_register(user):
        return false()
    if user.role == "platform_admin":
        return None
    clauses = [Contract.created_by_id == user.id, Contract.broker_id == user.id]
    if user.role == "zone_admin" and user.zone_code:
        clauses += [Contract.seller_zone == user.zone_code, Contract.buyer_zone == user.zone_code]
    if user.role == "org_admin" and user.org_id is not None:
        clauses += [Contract.seller_org_id == user.org_id, Contract.buyer_org_id == user.org_id]
    officer_of = access.officer_zones(user)
    if officer_of:
        clauses.append(Contract.seller_zone.in_(sorted(officer_of)))
    return or_(*clauses)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def visible_query(user: User | None, filters: ContractFilters) -> Select:
    """Contracts this user may see, newest registration first."""
    stmt = select(Contract)
    visibility = _visibility(user)
    if visibility is not None:
        stmt = stmt.where(visibility)
    if filters.year is not None:
        stmt = stmt.where(Contract.registered_on >= dt.date(filters.year, 1, 1),
                          Contract.registered_on <= dt.date(filters.year, 12, 31))
    if filters.zone:
        stmt = stmt.where(or_(Contract.seller_zone == filters.zone,
                              Contract.buyer_zone == filters.zone))
    if filters.type:
        stmt = stmt.where(Contract.contract_type == filters.type)
    if filters.field:
        stmt = stmt.where(Contract.tech_field == filters.field)
    if filters.seller:
        stmt = stmt.where(Contract.seller_name.ilike(_like(filters.seller), escape="\\"))
    if filters.buyer:
        stmt = stmt.where(Contract.buyer_name.ilike(_like(filters.buyer), escape="\\"))
    return stmt.order_by(Contract.registered_on.desc(), Contract.id.desc())


def contracts_of_case(session: Session, case_id: int) -> list[Contract]:
    """The contracts registered from a match case (cancelled ones too), oldest first."""
    stmt = select(Contract).where(Contract.match_case_id == case_id).order_by(Contract.id)
    return list(session.scalars(stmt))


def case_still_registered(session: Session, case_id: int, except_id: int) -> bool:
    """Whether a contract other than ``except_id`` still registers the case."""
    stmt = select(Contract.id).where(Contract.match_case_id == case_id,
                                     Contract.status != "cancelled", Contract.id != except_id)
    return session.scalar(stmt.limit(1)) is not None


def active_volume(session: Session, case_ids) -> tuple[Decimal, int]:
    """成交额 (元) and count of the active contracts registered from ``case_ids`` (a
    subquery of match-case ids)."""
    money = MoneySum(session)
    stmt = select(money.total(Contract.volume), func.count(Contract.id)).where(
        Contract.match_case_id.in_(case_ids), Contract.status == "active")
    volume, count = session.execute(stmt).one()
    return money.to_decimal(volume), count


AMENDING = ("correct", "cancel")


def _local(moment: dt.datetime) -> str:
    """An instant as the configured zone's clock shows it (naive values are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(clock.zone()).isoformat(timespec="seconds")


def _amendment(change: ContractChange, number: str) -> dict[str, str]:
    return {"registration_number": number, "action": change.action, "field": change.field,
            "old_value": change.old_value, "new_value": change.new_value,
            "reason": change.note, "by": change.user.display_name if change.user else "",
            "at": _local(change.created_at)}


def amendments(session: Session, start: dt.date, end: dt.date) -> dict[str, list[dict]]:
    """Officers' corrections and cancellations of counted contracts registered between
    ``start`` and ``end``, by seller zone, oldest first: why a figure moved after the fact."""
    stmt = (select(ContractChange, Contract.registration_number, Contract.seller_zone)
            .join(Contract, Contract.id == ContractChange.contract_id)
            .where(Contract.registered_on >= start, Contract.registered_on <= end,
                   ContractChange.action.in_(AMENDING),
                   or_(ContractChange.action == "correct",
                       ContractChange.old_value == "active"))
            .order_by(ContractChange.id))
    found: dict[str, list[dict]] = {}
    for change, number, zone in session.execute(stmt):
        found.setdefault(zone, []).append(_amendment(change, number))
    return found
