"""The working details of an open case: next action, due date, agreed amount, and the
achievements offered. Each change is version-checked and recorded."""

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.cases.inputs import (
    ACTION_LIMIT,
    check_version,
    clean_amount,
    clean_date,
    clean_id,
    clean_text,
)
from matchhub.cases.models import MatchCase
from matchhub.cases.services import link_achievements, published_listing, record, require_work, save
from matchhub.cases.workflow import OPEN_STATES
from matchhub.core.db_types import utcnow
from matchhub.core.errors import InvalidTransition, ValidationFailed
from matchhub.core.money import format_money


def _require_open(case: MatchCase, what: str) -> None:
    if case.status not in OPEN_STATES:
        raise InvalidTransition(f"对接单已关闭，不能再{what}")


def _summary(case: MatchCase) -> str:
    parts = [f"下一步：{case.next_action or '—'}",
             f"截止：{case.due_on.isoformat() if case.due_on else '—'}",
             f"约定金额：{format_money(case.agreed_amount)}"]
    return "；".join(parts)


def update_plan(session: Session, user: User, case: MatchCase, data: dict[str, Any], *,
                version) -> MatchCase:
    """Set next_action, due_on and agreed_amount (all three, as the form shows them)."""
    require_work(user, case)
    check_version(case.version, version)
    _require_open(case, "修改办理计划")
    next_action = clean_text(data.get("next_action"), "next_action", ACTION_LIMIT,
                             multiline=False)
    due_on = clean_date(data.get("due_on"), "due_on")
    amount = clean_amount(data.get("agreed_amount"), "agreed_amount")
    if due_on and not next_action:
        raise ValidationFailed({"next_action": ["设置截止日期时请填写下一步行动"]})
    case.next_action, case.due_on, case.agreed_amount = next_action, due_on, amount
    record(session, case, user, "plan", _summary(case))
    save(session)
    return case


def add_achievement(session: Session, user: User, case: MatchCase, achievement_id: Any,
                    today: dt.date, *, version) -> MatchCase:
    """Offer one more achievement on the case (before it is signed)."""
    require_work(user, case)
    check_version(case.version, version)
    if case.status not in OPEN_STATES - {"signed"}:
        raise InvalidTransition("签约后不能再关联成果")
    achievement = published_listing(session, user, "achievement", clean_id(achievement_id,
                                                                  "achievement_id"), today)
    if achievement.id in {link.achievement_id for link in case.achievement_links}:
        raise ValidationFailed({"achievement_id": ["该成果已在对接单中"]})
    link_achievements(case, [achievement])
    case.updated_at = utcnow()  # a new version even though only a link row changed
    record(session, case, user, "achievement", f"关联成果：{achievement.title}")
    save(session)
    return case


def is_overdue(case: MatchCase, today: dt.date) -> bool:
    return case.status in OPEN_STATES and case.due_on is not None and case.due_on < today
