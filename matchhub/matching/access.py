"""Who may see recommendations: the item's owner, brokers and platform admins."""

from dataclasses import dataclass
from typing import Any

from matchhub.accounts.models import User
from matchhub.catalog.access import is_owner
from matchhub.core.current_user import signed_in
from matchhub.core.errors import PermissionDenied

MATCH_ROLES = frozenset({"broker", "platform_admin"})


def can_view_matches(user: User | None, item: Any) -> bool:
    if not signed_in(user):
        return False
    return user.role in MATCH_ROLES or is_owner(user, item)


def require_match_access(user: User | None, item: Any) -> None:
    if not can_view_matches(user, item):
        raise PermissionDenied("只有发布方、技术经纪人和平台管理员可以查看匹配推荐")


def can_view_feedback(user: User | None, item: Any) -> bool:
    """The "not relevant" marks on an item are its owner's business (and the platform's)."""
    return signed_in(user) and (is_owner(user, item) or user.role == "platform_admin")


@dataclass(frozen=True)
class BrokerScope:
    """The fields and zone a broker works in; empty means any."""

    fields: tuple[str, ...] = ()
    zone: str = ""


def broker_scope(user: User | None) -> BrokerScope:
    if not signed_in(user) or user.role not in MATCH_ROLES:
        raise PermissionDenied("只有技术经纪人和平台管理员可以查看对接推荐")
    profile = user.broker_profile if user.role == "broker" else None
    if profile is None:
        return BrokerScope()
    return BrokerScope(tuple(profile.fields or ()), profile.zone_code or "")
