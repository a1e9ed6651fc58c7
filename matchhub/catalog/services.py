"""Create, edit, move through the workflow and delete achievements and needs."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.audit import services as audit
from matchhub.audit.refusals import audit_refusals
from matchhub.catalog.access import can, can_create
from matchhub.catalog.events import listing_transitioned
from matchhub.catalog.inputs import CLEANERS, end_date_problem
from matchhub.catalog.models import (
    Achievement,
    AchievementMode,
    DetailAccess,
    IPRecord,
    Need,
    NeedMode,
    Transition,
)
from matchhub.catalog.workflow import PEOPLE_ACTIONS, STEPS, Step, effective_status
from matchhub.core.db_types import utcnow
from matchhub.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from matchhub.core.text import clean_text, is_blank
from matchhub.core.vocabularies import vocabulary

MODELS: dict[str, type[Achievement] | type[Need]] = {"achievement": Achievement, "need": Need}
ITEM_LABELS = {"achievement": "成果", "need": "需求"}
Listing = Achievement | Need


REVIEW_DECISIONS = frozenset({"approve", "reject"})  # logged in the audit log


def has_detail_grant(session: Session, user: User | None, item: Listing) -> bool:
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    if not signed_in or item.item_type != "achievement":
        return False
    return session.scalar(
        select(DetailAccess.id).where(DetailAccess.achievement_id == item.id,
                                      DetailAccess.user_id == user.id,
                                      DetailAccess.status == "granted")
    ) is not None


def allowed(session: Session, user: User | None, action: str, item: Listing,
            today: dt.date | None = None) -> bool:
    def granted() -> bool:
        return has_detail_grant(session, user, item)

    return can(user, action, item, granted=granted, today=today)


def find_visible(session: Session, user: User | None, item_type: str, item_id: int,
                 today: dt.date) -> Listing | None:
    """The item if this user may see it; None otherwise (callers answer 404 either way,
    so the existence of a draft does not leak)."""
    item = session.get(MODELS[item_type], item_id)
    if item is None or not allowed(session, user, "view", item, today):
        return None
    return item


def require(session: Session, user: User | None, action: str, item: Listing,
            today: dt.date | None = None) -> None:
    if not allowed(session, user, action, item, today):
        raise PermissionDenied(f"无权对该{ITEM_LABELS[item.item_type]}执行此操作")


def _apply(item: Listing, cleaned: Mapping[str, Any]) -> None:
    values = dict(cleaned)
    modes = values.pop("modes")
    ip_records = values.pop("ip_records", None)
    for key, value in values.items():
        setattr(item, key, value)
    mode_model = AchievementMode if item.item_type == "achievement" else NeedMode
    item.mode_rows = [mode_model(mode=m) for m in modes]
    if ip_records is not None:
        item.ip_records = [IPRecord(**r) for r in ip_records]


def build_listing(user: User, item_type: str, data: Mapping[str, Any], today: dt.date,
                  default_validity: int) -> Listing:
    """A new draft from checked input, not yet in a session (bulk loads add many at once)."""
    if not can_create(user, item_type):
        raise PermissionDenied(f"当前角色不能发布{ITEM_LABELS[item_type]}")
    raw = dict(data)
    raw.setdefault("region_code", user.organisation.region_code)
    cleaned = CLEANERS[item_type](raw, today, default_validity)
    item = MODELS[item_type](owner_org_id=user.org_id, created_by_id=user.id, status="draft")
    _apply(item, cleaned)
    return item


def create_listing(session: Session, user: User, item_type: str, data: Mapping[str, Any],
                   today: dt.date, default_validity: int) -> Listing:
    item = build_listing(user, item_type, data, today, default_validity)
    session.add(item)
    session.flush()
    return item


def current_values(item: Listing) -> dict[str, Any]:
    """The item's editable values in the shape the cleaners accept."""
    names = ["title", "keywords", "field", "region_code", "contact_name", "contact_phone",
             "contact_email"]
    if item.item_type == "achievement":
        names += ["summary", "confidential_detail", "discipline", "trl", "asking_price",
                  "price_negotiable", "valid_until"]
    else:
        names += ["description", "required_trl", "budget_min", "budget_max",
                  "budget_negotiable", "deadline"]
    values = {name: getattr(item, name) for name in names}
    values["modes"] = item.modes
    if item.item_type == "achievement":
        values["ip_records"] = [
            {"ip_type": r.ip_type, "number": r.number, "title": r.title} for r in item.ip_records
        ]
    return values


def update_listing(session: Session, user: User, item: Listing, changes: Mapping[str, Any],
                   today: dt.date, default_validity: int) -> Listing:
    require(session, user, "edit", item, today)
    unknown = set(changes) - set(current_values(item))
    if unknown:
        raise ValidationFailed({name: ["未知字段"] for name in sorted(unknown)})
    merged = {**current_values(item), **changes}
    cleaned = CLEANERS[item.item_type](merged, today, default_validity)
    _apply(item, cleaned)
    session.flush()
    return item


def delete_listing(session: Session, user: User, item: Listing, today: dt.date) -> None:
    require(session, user, "delete", item, today)
    session.delete(item)
    session.flush()


def transition(session: Session, user: User | None, item: Listing, action: str, today: dt.date,
               reason: str = "", new_end: dt.date | None = None) -> Transition:
    """A person moves an item through the workflow; every step is recorded with who, when
    and why. Expiry is not a person's step: only ``expire_due`` (the daily job) records it."""
    step = STEPS.get(action)
    if step is None:
        raise InvalidTransition(f"未知操作：{action}")
    if action not in PEOPLE_ACTIONS:
        raise PermissionDenied("到期下架由系统每日自动执行，不能手动操作")
    state = effective_status(item, today)
    _check_source(step, state, action)
    require(session, user, action, item, today)
    reason = clean_text(reason, "reason", limit=2000, multiline=True)
    if step.needs_reason and is_blank(reason):
        raise ValidationFailed({"reason": ["驳回时必须填写理由"]})
    if action == "renew":
        _renew(item, today, new_end)
    record = _record_step(session, user, item, action, state, reason)
    if action in REVIEW_DECISIONS:
        audit.record(session, user, f"listing.{action}", item, reason or item.title[:200])
    session.flush()
    listing_transitioned.send(item, session=session, user=user, transition=record)
    return record


def act(session: Session, user: User | None, item: Listing, action: str, today: dt.date,
        **inputs: Any) -> Transition:
    """``transition`` for a person acting through a page or the API: a refused step (not
    allowed, or not from this state) is written to the audit log before it is answered."""
    with audit_refusals(session, user, "listing.refused", item, requested=action):
        return transition(session, user, item, action, today, **inputs)


def _check_source(step: Step, state: str, action: str) -> None:
    if state not in step.sources:
        raise InvalidTransition(
            f"当前状态为「{vocabulary('listing_statuses').label(state)}」，"
            f"不能执行「{vocabulary('listing_actions').label(action)}」"
        )


def _record_step(session: Session, user: User | None, item: Listing, action: str,
                 state: str, reason: str) -> Transition:
    target = STEPS[action].target
    record = Transition(item_type=item.item_type, item_id=item.id, action=action,
                        from_status=state, to_status=target,
                        actor_id=user.id if user else None, reason=reason)
    item.status = target
    if target == "published" and item.published_at is None:
        item.published_at = utcnow()
    session.add(record)
    return record


def _renew(item: Listing, today: dt.date, new_end: dt.date | None) -> None:
    key = "valid_until" if item.item_type == "achievement" else "deadline"
    if new_end is None or new_end <= today:
        raise ValidationFailed({key: ["续期需要一个晚于今天的新截止日期"]})
    problem = end_date_problem(new_end, today)
    if problem:
        raise ValidationFailed({key: [problem]})
    setattr(item, key, new_end)


def expire_due(session: Session, today: dt.date) -> int:
    """The daily job: record the expiry of every published listing past its end date (the
    stored status lags behind what people see); returns the count. Its own path, with no
    user: no page or API reaches it."""
    count = 0
    for model, column in ((Achievement, Achievement.valid_until), (Need, Need.deadline)):
        rows = session.scalars(select(model).where(model.status == "published", column < today))
        for item in rows:
            _record_step(session, None, item, "expire", item.status, "到期自动下架")
            count += 1
    session.flush()
    return count


def history(session: Session, item: Listing) -> list[Transition]:
    return list(session.scalars(
        select(Transition).where(Transition.item_type == item.item_type,
                                 Transition.item_id == item.id).order_by(Transition.id)
    ))
