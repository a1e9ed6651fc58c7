"""Open match cases and move them on; every change is recorded and version-checked.

Writes based on an older version of a case raise Conflict (409) and write nothing: the
version the user saw is compared first, and SQLAlchemy's version counter catches a
concurrent writer that committed in between (StaleDataError at flush).
"""

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from matchhub.accounts.models import User
from matchhub.audit.refusals import audit_refusals
from matchhub.cases import access
from matchhub.cases.events import case_event_recorded
from matchhub.cases.inputs import NOTE_LIMIT, check_version, clean_state, clean_text
from matchhub.cases.models import CaseAchievement, CaseBroker, CaseEvent, MatchCase
from matchhub.cases.workflow import CLOSED_STATES, INITIAL, OPEN_STATES, label, step_to
from matchhub.catalog.models import Achievement, Need
from matchhub.catalog.services import find_visible as find_listing
from matchhub.catalog.workflow import effective_status
from matchhub.core.db_types import utcnow
from matchhub.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from matchhub.core.races import flush_or_conflict, sqlite_busy

ALREADY_OPEN = "该需求与该成果已有进行中的对接单"
STALE = "对接单已被他人同时修改，您的修改未保存，请刷新页面查看最新内容后重试"


def save(session: Session) -> None:
    """Flush, turning a lost race on the version counter into a Conflict."""
    try:
        session.flush()
    except StaleDataError as exc:
        session.rollback()
        raise Conflict(STALE, {"version": ["对接单已被修改"]}) from exc
    except OperationalError as exc:
        if not sqlite_busy(exc, session):
            raise
        session.rollback()
        raise Conflict(STALE, {"version": ["对接单正被他人修改"]}) from exc


def record(session: Session, case: MatchCase, user: User | None, kind: str, note: str = "",
           from_status: str = "", to_status: str = "") -> CaseEvent:
    event = CaseEvent(case_id=case.id, kind=kind, actor_id=user.id if user else None,
                      note=note, from_status=from_status, to_status=to_status)
    session.add(event)
    case_event_recorded.send(event, session=session, case=case, user=user)
    return event


def find_visible(session: Session, user: User | None, case_id: int) -> MatchCase:
    """The case if this user may see it; NotFound otherwise (no existence leak)."""
    case = session.get(MatchCase, case_id)
    if case is None or not access.can_view(user, case):
        raise NotFound("对接单不存在或无权查看")
    return case


def require_work(user: User | None, case: MatchCase) -> None:
    if not access.can_work(user, case):
        raise PermissionDenied("只有该对接单的技术经纪人和平台管理员可以办理")


def visible_query(user: User, status: str = "") -> Select:
    stmt = select(MatchCase).where(access.visible_filter(user))
    if status:
        stmt = stmt.where(MatchCase.status == clean_state(status, "status"))
    return stmt.order_by(MatchCase.due_on.is_(None), MatchCase.due_on, MatchCase.id.desc())


def published_listing(session: Session, user: User, kind: str, item_id: int, today: dt.date):
    """A published, unexpired listing the user may see, for a case; else a 422 on the field."""
    item = find_listing(session, user, kind, item_id, today)
    if item is None or effective_status(item, today) != "published":
        raise ValidationFailed({f"{kind}_id": ["不存在、未发布或已过期"]})
    return item


def _check_no_duplicate(session: Session, need: Need, achievements: Sequence[Achievement]):
    if not achievements:
        return
    stmt = (select(MatchCase.id).join(CaseAchievement)
            .where(MatchCase.need_id == need.id, MatchCase.status.in_(OPEN_STATES),
                   CaseAchievement.achievement_id.in_([a.id for a in achievements])))
    if session.scalar(stmt.limit(1)) is not None:
        raise Conflict(ALREADY_OPEN, {"achievement_ids": ["已在对接中"]})


def _lock_need(session: Session, need: Need) -> None:
    """Serialise case openings on one need (a row lock on PostgreSQL; SQLite has one
    writer), so a concurrent opening sees this one's case in _check_no_duplicate."""
    session.execute(select(Need.id).where(Need.id == need.id).with_for_update())


def link_achievements(case: MatchCase, achievements: Sequence[Achievement]) -> None:
    start = len(case.achievement_links)
    taken = {link.achievement_id for link in case.achievement_links}
    for offset, achievement in enumerate(a for a in achievements if a.id not in taken):
        case.achievement_links.append(
            CaseAchievement(achievement_id=achievement.id, achievement=achievement,
                            position=start + offset))


def open_case(session: Session, user: User, need_id: int, achievement_ids: Sequence[int],
              today: dt.date, note: str = "") -> MatchCase:
    """A broker (or platform admin) opens a case on a need with the offered achievements."""
    if not access.can_open(user):
        raise PermissionDenied("只有技术经纪人和平台管理员可以开对接单")
    note = clean_text(note, "note", NOTE_LIMIT)
    need = published_listing(session, user, "need", need_id, today)
    _lock_need(session, need)
    achievements = [published_listing(session, user, "achievement", i, today)
                    for i in dict.fromkeys(achievement_ids)]
    _check_no_duplicate(session, need, achievements)
    case = MatchCase(need=need, status=INITIAL, opened_by_id=user.id)
    link_achievements(case, achievements)
    if user.role == "broker":
        case.broker_links.append(CaseBroker(broker_id=user.id, broker=user,
                                            assigned_by_id=user.id, how="self"))
    session.add(case)
    flush_or_conflict(session, ALREADY_OPEN, {"achievement_ids": ["已在对接中"]})
    record(session, case, user, "open", note or "开单", to_status=INITIAL)
    return case


def _refuse_jump(case: MatchCase, target: str) -> InvalidTransition:
    return InvalidTransition(f"不能从「{label(case.status)}」直接变为「{label(target)}」",
                             {"to": [f"当前状态为「{label(case.status)}」"]})


def move(session: Session, user: User | None, case: MatchCase, target: str, note: str,
         now: dt.datetime | None = None) -> CaseEvent:
    """Set the state (no checks: callers check) and record it."""
    now = now or utcnow()
    source = case.status
    case.status = target
    if target == "signed":
        case.signed_at = now
    if target in CLOSED_STATES:
        case.closed_at = now
    event = record(session, case, user, "transition", note, source, target)
    event.at = now
    save(session)
    return event


def transition_case(session: Session, user: User, case: MatchCase, target: str, *,
                    version, note: str = "", reason: str = "",
                    now: dt.datetime | None = None) -> CaseEvent:
    """Move the case one allowed step; 终止 needs a reason; 已登记 only via a contract."""
    require_work(user, case)
    check_version(case.version, version)
    target = clean_state(target)
    step = step_to(case.status, target)
    if step is None:
        raise _refuse_jump(case, target)
    if step.via_contract and target == "registered":
        raise InvalidTransition("「已登记」须通过从对接单登记技术合同完成",
                                {"to": ["请使用「登记技术合同」"]})
    if step.via_contract:
        raise InvalidTransition("撤销已登记的技术合同后，对接单才回到「已签约」",
                                {"to": ["请在技术合同页面撤销合同"]})
    note = clean_text(note, "note", NOTE_LIMIT)
    reason = clean_text(reason, "reason", NOTE_LIMIT, required=step.needs_reason)
    if target == "signed" and not case.achievement_links:
        raise ValidationFailed({"to": ["签约前请先为对接单关联至少一项成果"]})
    if reason:
        case.close_reason = reason
    return move(session, user, case, target, note or reason, now)


def request_transition(session: Session, user: User, case: MatchCase, target: str,
                       **inputs) -> CaseEvent:
    """``transition_case`` for a person on a page or the API: a refused step (not theirs
    to take, or not possible from the case's state) is written to the audit log."""
    requested = target if isinstance(target, str) else repr(target)
    with audit_refusals(session, user, "case.refused", case, requested=requested[:40]):
        return transition_case(session, user, case, target, **inputs)


def history(session: Session, case: MatchCase) -> list[CaseEvent]:
    stmt = select(CaseEvent).where(CaseEvent.case_id == case.id)
    return list(session.scalars(stmt.order_by(CaseEvent.at, CaseEvent.id)))
