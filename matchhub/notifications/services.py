"""Create, list, change and delete a user's subscriptions; unsubscribe by link."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.catalog.access import is_owner
from matchhub.catalog.services import ITEM_LABELS
from matchhub.core.current_user import signed_in
from matchhub.core.errors import Conflict, FieldErrors, PermissionDenied, Unauthorized
from matchhub.core.text import text_field
from matchhub.notifications.models import Subscription
from matchhub.notifications.tokens import new_nonce
from matchhub.search.core.filters import parse_search_filters
from matchhub.search.core.query import MAX_QUERY_CHARS

ITEM_TYPES = ("achievement", "need")
# Search arguments a saved search keeps (those the search page offers for listings).
FILTER_ARGS = ("field", "mode", "stage", "region", "price_min", "price_max")
NAME_MAX = 200


def _require_user(user: User | None) -> User:
    if not signed_in(user):
        raise Unauthorized("请先登录")
    return user


def parse_threshold(value: Any, default: float, errors: FieldErrors) -> float:
    if value is None or value == "":
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if isinstance(value, bool) or not 0.0 <= number <= 1.0:
        errors.add("threshold", "匹配阈值应为 0 到 1 之间的数")
    return number


def clean_search(item_type: str, text: str, args: Mapping[str, Any]) -> tuple[str, dict]:
    """The query text and the kept filter arguments, or ValidationFailed naming the field."""
    errors = FieldErrors()
    if item_type not in ITEM_TYPES:
        errors.add("type", "只能订阅成果或需求的搜索")
    text = (text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        errors.add("q", f"搜索词不能超过 {MAX_QUERY_CHARS} 字")
    kept = {k: str(args[k]).strip() for k in FILTER_ARGS if args.get(k) not in (None, "")}
    if not text and not kept:
        errors.add("q", "请输入搜索词或至少选择一个筛选条件")
    errors.raise_if_any()
    parse_search_filters(kept)
    return text, kept


def _search_name(item_type: str, text: str, filters: dict) -> str:
    shown = text or "、".join(f"{k}={v}" for k, v in filters.items())
    return f"{ITEM_LABELS[item_type]}搜索：{shown}"[:NAME_MAX]


def subscribe_search(session: Session, user: User | None, item_type: str, text: str,
                     args: Mapping[str, Any], threshold: Any, default_threshold: float
                     ) -> Subscription:
    """Save a search: new published items it finds are reported in a daily digest."""
    user = _require_user(user)
    errors = FieldErrors()
    level = parse_threshold(threshold, default_threshold, errors)
    errors.raise_if_any()
    text, filters = clean_search(item_type, text, args)
    same = select(Subscription).where(
        Subscription.user_id == user.id, Subscription.kind == "saved_search",
        Subscription.item_type == item_type, Subscription.query_text == text)
    existing = [s for s in session.scalars(same) if s.filters == filters]
    return _save(session, existing[0] if existing else None, Subscription(
        user_id=user.id, kind="saved_search", name=_search_name(item_type, text, filters),
        item_type=item_type, query_text=text, filters=filters, threshold=level))


def subscribe_item(session: Session, user: User | None, item: Any, threshold: Any,
                   default_threshold: float) -> Subscription:
    """Follow the user's own need or achievement: new matching items of the other kind."""
    user = _require_user(user)
    if not is_owner(user, item):
        raise PermissionDenied(f"只能订阅本人或本机构的{ITEM_LABELS[item.item_type]}")
    errors = FieldErrors()
    level = parse_threshold(threshold, default_threshold, errors)
    errors.raise_if_any()
    existing = session.scalar(select(Subscription).where(
        Subscription.user_id == user.id, Subscription.kind == "own_item",
        Subscription.item_type == item.item_type, Subscription.item_id == item.id))
    name = f"{ITEM_LABELS[item.item_type]}匹配：{item.title}"[:NAME_MAX]
    return _save(session, existing, Subscription(
        user_id=user.id, kind="own_item", name=name, item_type=item.item_type,
        item_id=item.id, threshold=level))


def _save(session: Session, existing: Subscription | None, new: Subscription) -> Subscription:
    """A new subscription, or the same one switched back on; Conflict when already active."""
    if existing is not None and existing.active:
        raise Conflict("已经订阅过了")
    if existing is not None:
        existing.active, existing.threshold = True, new.threshold
        session.flush()
        return existing
    new.unsubscribe_nonce = new_nonce()
    session.add(new)
    session.flush()
    return new


def subscriptions_query(user: User) -> Select:
    return (select(Subscription).where(Subscription.user_id == user.id)
            .order_by(Subscription.created_at.desc(), Subscription.id.desc()))


def user_subscriptions(session: Session, user: User) -> list[Subscription]:
    return list(session.scalars(subscriptions_query(user)))


def find_own(session: Session, user: User | None, sub_id: int) -> Subscription | None:
    """The user's subscription; None for anyone else's, so others' do not leak."""
    found = session.get(Subscription, sub_id)
    if found is None or user is None or found.user_id != user.id:
        return None
    return found


def update_subscription(session: Session, sub: Subscription, changes: Mapping[str, Any],
                        default_threshold: float) -> Subscription:
    errors = FieldErrors()
    if "threshold" in changes:
        sub.threshold = parse_threshold(changes["threshold"], default_threshold, errors)
    if "name" in changes:
        name = text_field(errors, changes["name"], "name", limit=NAME_MAX, required=True)
        sub.name = name
    if "active" in changes:
        sub.active = bool(changes["active"])
    errors.raise_if_any()
    session.flush()
    return sub


def delete_subscription(session: Session, sub: Subscription) -> None:
    session.delete(sub)
    session.flush()


def unsubscribe(session: Session, sub: Subscription) -> None:
    """Stop a subscription from an email link (it stays listed as 已退订)."""
    sub.active = False
    session.flush()
