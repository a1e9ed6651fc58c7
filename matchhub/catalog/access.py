"""The permission matrix: who may do what to an achievement or need, in which state.

Everything that decides visibility or change rights for listings asks ``can``;
the matrix below is the single place where those rules live.

Principals:
- ``anyone``: also anonymous visitors;
- ``user``: any signed-in user;
- ``owner``: the user who created the item, or an 机构管理员 of the owning organisation;
- ``verified_owner``: an owner whose organisation (the item's) is verified: members of an
  unverified organisation may draft but not put anything before the public;
- ``reviewer``: a 平台管理员, or a 示范区管理员 whose zone is the item's region;
- ``platform_admin``;
- ``granted``: a user the owner granted access to the confidential detail.
"""

from collections.abc import Callable
from typing import Any

from matchhub.accounts.models import User
from matchhub.accounts.standing import org_verified
from matchhub.catalog.workflow import effective_status

ALL_STATES = frozenset({"draft", "submitted", "published", "rejected", "withdrawn", "expired"})
EDITABLE = frozenset({"draft", "rejected", "withdrawn"})

# action -> list of (states, principals allowed in those states)
MATRIX: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {
    "view": [
        (frozenset({"published"}), frozenset({"anyone"})),
        (ALL_STATES, frozenset({"owner", "reviewer"})),
    ],
    "edit": [(EDITABLE, frozenset({"owner"}))],
    "delete": [(frozenset({"draft"}), frozenset({"owner"}))],
    "submit": [(frozenset({"draft", "rejected", "withdrawn"}), frozenset({"verified_owner"}))],
    "approve": [(frozenset({"submitted"}), frozenset({"reviewer"}))],
    "reject": [(frozenset({"submitted"}), frozenset({"reviewer"}))],
    "withdraw": [
        (frozenset({"submitted", "published", "expired"}), frozenset({"owner"})),
        (frozenset({"published"}), frozenset({"platform_admin"})),
    ],
    "renew": [(frozenset({"published", "expired"}), frozenset({"verified_owner"}))],
    "view_detail": [
        (ALL_STATES, frozenset({"owner", "platform_admin"})),
        (frozenset({"published"}), frozenset({"granted"})),
    ],
    "view_history": [(ALL_STATES, frozenset({"owner", "reviewer"}))],
    "manage_detail_access": [(ALL_STATES, frozenset({"owner"}))],
    "request_detail": [(frozenset({"published"}), frozenset({"user"}))],
}

ACTIONS = tuple(MATRIX)


def is_owner(user: User | None, item: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if item.created_by_id == user.id:
        return True
    return user.role == "org_admin" and user.org_id == item.owner_org_id


def is_reviewer(user: User | None, item: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.role == "platform_admin":
        return True
    return user.role == "zone_admin" and bool(user.zone_code) and user.zone_code == item.region_code


def principals(user: User | None, item: Any, granted: Callable[[], bool]) -> set[str]:
    """The principals this user is for this item. ``granted`` is asked lazily."""
    found = {"anyone"}
    if user is None or not getattr(user, "is_authenticated", False):
        return found
    found.add("user")
    if is_owner(user, item):
        found.add("owner")
        if org_verified(item.owner_org):
            found.add("verified_owner")
    if is_reviewer(user, item):
        found.add("reviewer")
    if user.role == "platform_admin":
        found.add("platform_admin")
    if item.item_type == "achievement" and granted():
        found.add("granted")
    return found


def can(user: User | None, action: str, item: Any, granted: Callable[[], bool] = lambda: False,
        today=None) -> bool:
    if action not in MATRIX:
        raise KeyError(f"unknown action {action!r}")
    state = effective_status(item, today)
    rules = [allowed for states, allowed in MATRIX[action] if state in states]
    if not rules:
        return False
    have = principals(user, item, granted)
    return any(have & allowed for allowed in rules)


# Who may create which kind of listing: role -> organisation kinds that role may publish for.
CREATE_RULES: dict[str, dict[str, frozenset[str]]] = {
    "achievement": {
        "publisher": frozenset({"university", "institute"}),
        "org_admin": frozenset({"university", "institute"}),
    },
    "need": {
        "enterprise": frozenset({"enterprise"}),
        "org_admin": frozenset({"enterprise"}),
    },
}


def can_create(user: User | None, item_type: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or user.organisation is None:
        return False
    kinds = CREATE_RULES[item_type].get(user.role, frozenset())
    return user.organisation.kind in kinds


def can_review_anything(user: User | None) -> bool:
    return bool(user and getattr(user, "is_authenticated", False)
                and user.role in {"platform_admin", "zone_admin"})
