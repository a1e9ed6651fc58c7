"""Requests for, and grants of, an achievement's confidential detail."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.audit import services as audit
from matchhub.catalog.events import detail_decided, detail_requested
from matchhub.catalog.models import Achievement, DetailAccess
from matchhub.catalog.services import allowed, require
from matchhub.core.db_types import utcnow
from matchhub.core.errors import Conflict, NotFound, ValidationFailed
from matchhub.core.text import clean_text

DECISIONS = {"grant": "granted", "deny": "denied", "revoke": "revoked"}


def find_access(session: Session, achievement: Achievement, user: User) -> DetailAccess | None:
    return session.scalar(select(DetailAccess).where(
        DetailAccess.achievement_id == achievement.id, DetailAccess.user_id == user.id))


def request_access(session: Session, user: User, achievement: Achievement,
                   message: str, today) -> DetailAccess:
    require(session, user, "request_detail", achievement, today)
    if allowed(session, user, "manage_detail_access", achievement, today):
        raise Conflict("您已可以查看该成果的详细信息")
    message = clean_text(message, "message", limit=1000, multiline=True)
    access = find_access(session, achievement, user)
    if access is not None and access.status in {"requested", "granted"}:
        raise Conflict("已提交过申请" if access.status == "requested" else "已获授权")
    if access is None:
        access = DetailAccess(achievement_id=achievement.id, user_id=user.id)
        session.add(access)
    access.status, access.message, access.decided_at = "requested", message, None
    session.flush()
    detail_requested.send(access, session=session, user=user, achievement=achievement)
    return access


def decide(session: Session, owner: User, achievement: Achievement, access_id: int,
           decision: str, today) -> DetailAccess:
    require(session, owner, "manage_detail_access", achievement, today)
    access = session.get(DetailAccess, access_id)
    if access is None or access.achievement_id != achievement.id:
        raise NotFound("申请不存在")
    if decision not in DECISIONS:
        raise ValidationFailed({"decision": ["取值应为 grant、deny 或 revoke"]})
    access.status, access.decided_by_id, access.decided_at = DECISIONS[decision], owner.id, utcnow()
    audit.record(session, owner, f"detail_access.{decision}", achievement,
                 f"用户 #{access.user_id}", user_id=access.user_id)
    session.flush()
    detail_decided.send(access, session=session, user=owner, achievement=achievement)
    return access


def requests_for(session: Session, achievement: Achievement) -> list[DetailAccess]:
    return list(session.scalars(select(DetailAccess).where(
        DetailAccess.achievement_id == achievement.id).order_by(DetailAccess.id)))
