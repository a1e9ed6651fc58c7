"""Routing needs to brokers: automatically (field, then zone, then the lightest open
workload) or by hand by an institution administrator for that institution's brokers.

A routed need gets a case in 推荐 with the broker on it and no achievement yet; the broker
adds the achievements. By hand, a need that already has an open case gets one more broker.
"""

import datetime as dt

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import BrokerProfile, User
from matchhub.accounts.standing import verified_broker
from matchhub.cases import access
from matchhub.cases.inputs import clean_id
from matchhub.cases.models import CaseBroker, MatchCase
from matchhub.cases.services import published_listing, record, save
from matchhub.cases.workflow import INITIAL, OPEN_STATES
from matchhub.catalog.models import Need
from matchhub.core.db_types import utcnow
from matchhub.core.errors import Conflict, PermissionDenied, ValidationFailed
from matchhub.core.regions import zone_for_region

UNROUTED_SHOWN = 50


def open_workloads(session: Session, broker_ids: list[int]) -> dict[int, int]:
    """Open cases per broker (one grouped count)."""
    if not broker_ids:
        return {}
    stmt = (select(CaseBroker.broker_id, func.count().label("open_cases"))
            .join(MatchCase, MatchCase.id == CaseBroker.case_id)
            .where(CaseBroker.broker_id.in_(broker_ids), MatchCase.status.in_(OPEN_STATES))
            .group_by(CaseBroker.broker_id))
    return {row.broker_id: row.open_cases for row in session.execute(stmt)}


def field_brokers(session: Session, field: str) -> list[User]:
    """Active, verified brokers whose profile lists ``field`` (a JSON list, filtered here)."""
    stmt = (select(User).join(BrokerProfile, BrokerProfile.user_id == User.id)
            .where(User.role == "broker", User.active.is_(True),
                   BrokerProfile.verification_status == "verified"))
    return [u for u in session.scalars(stmt)
            if field in (u.broker_profile.fields or ()) and verified_broker(u)]


def pick_broker(session: Session, need: Need) -> tuple[User, int] | None:
    """The broker for a need and their open workload: zone match first, then fewest open."""
    brokers = field_brokers(session, need.field)
    loads = open_workloads(session, [b.id for b in brokers])
    zone = zone_for_region(need.region_code)

    def rank(broker: User) -> tuple:
        return (broker.broker_profile.zone_code != zone, loads.get(broker.id, 0), broker.id)

    best = min(brokers, key=rank, default=None)
    return (best, loads.get(best.id, 0)) if best else None


def open_case_for(session: Session, need: Need) -> MatchCase | None:
    stmt = select(MatchCase).where(MatchCase.need_id == need.id,
                                   MatchCase.status.in_(OPEN_STATES))
    return session.scalars(stmt.order_by(MatchCase.id).limit(1)).first()


def _new_case(session: Session, actor: User | None, need: Need, broker: User, how: str,
              note: str) -> MatchCase:
    case = MatchCase(need=need, status=INITIAL, opened_by_id=actor.id if actor else None)
    case.broker_links.append(CaseBroker(broker_id=broker.id, broker=broker, how=how,
                                        assigned_by_id=actor.id if actor else None))
    session.add(case)
    session.flush()
    record(session, case, actor, "assign", note, to_status=INITIAL)
    return case


def route_need(session: Session, actor: User | None, need: Need) -> MatchCase:
    """Assign a need without an open case to the best broker (``actor`` None: the system)."""
    if open_case_for(session, need) is not None:
        raise Conflict("该需求已有进行中的对接单", {"need_id": ["已在对接中"]})
    picked = pick_broker(session, need)
    if picked is None:
        raise Conflict("没有擅长该需求技术领域的技术经纪人，请由机构管理员手工分派",
                       {"need_id": ["无匹配的技术经纪人"]})
    broker, load = picked
    note = f"自动分派给 {broker.display_name}（领域匹配，在办 {load} 件）"
    return _new_case(session, actor, need, broker, "auto", note)


def auto_route(session: Session, actor: User, need_id, today: dt.date) -> MatchCase:
    if not access.can_route(actor):
        raise PermissionDenied("只有技术转移机构管理员和平台管理员可以分派需求")
    need = published_listing(session, actor, "need", clean_id(need_id, "need_id"), today)
    return route_need(session, actor, need)


def _broker(session: Session, broker_id) -> User:
    broker = session.get(User, clean_id(broker_id, "broker_id"))
    if broker is None or broker.role != "broker":
        raise ValidationFailed({"broker_id": ["不是平台上的技术经纪人"]})
    return broker


def assign_by_hand(session: Session, actor: User, need_id, broker_id,
                   today: dt.date) -> MatchCase:
    """An institution admin puts one of their brokers on a need (its open case, or a new one)."""
    if not access.can_route(actor):
        raise PermissionDenied("只有技术转移机构管理员和平台管理员可以分派需求")
    need = published_listing(session, actor, "need", clean_id(need_id, "need_id"), today)
    broker = _broker(session, broker_id)
    if not access.can_assign(actor, broker):
        raise PermissionDenied("只能分派本机构的技术经纪人")
    case = open_case_for(session, need)
    if case is None:
        return _new_case(session, actor, need, broker, "manual",
                         f"{actor.display_name} 分派给 {broker.display_name}")
    if any(link.broker_id == broker.id for link in case.broker_links):
        raise ValidationFailed({"broker_id": ["该技术经纪人已在对接单中"]})
    case.broker_links.append(CaseBroker(broker_id=broker.id, broker=broker, how="manual",
                                        assigned_by_id=actor.id))
    case.updated_at = utcnow()
    record(session, case, actor, "assign", f"{actor.display_name} 加派 {broker.display_name}")
    save(session)
    return case


def unrouted_needs(session: Session, today: dt.date, limit: int = UNROUTED_SHOWN) -> list[Need]:
    """Published, unexpired needs with no open case, newest first."""
    has_case = exists().where(MatchCase.need_id == Need.id, MatchCase.status.in_(OPEN_STATES))
    stmt = (select(Need).where(Need.status == "published", Need.deadline >= today, ~has_case)
            .order_by(Need.published_at.desc(), Need.id.desc()).limit(limit))
    return list(session.scalars(stmt))


def route_new_needs(session: Session, today: dt.date, limit: int) -> tuple[int, int]:
    """Route up to ``limit`` unrouted needs (the system acting); (routed, without a broker)."""
    routed = unmatched = 0
    for need in unrouted_needs(session, today, limit):
        try:
            route_need(session, None, need)  # raises before writing when no broker fits
        except Conflict:
            unmatched += 1
            continue
        routed += 1
    return routed, unmatched
