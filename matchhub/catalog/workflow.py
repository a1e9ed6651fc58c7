"""The publishing state machine shared by achievements and needs.

draft → submitted → published → withdrawn / expired; a reviewer may reject a
submission (with a reason) and the owner may then edit and resubmit. Listings
expire at their validity end and can be renewed with a later end date.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from matchhub.core.clock import today


@dataclass(frozen=True)
class Step:
    sources: frozenset[str]
    target: str
    needs_reason: bool = False


STEPS: dict[str, Step] = {
    "submit": Step(frozenset({"draft", "rejected", "withdrawn"}), "submitted"),
    "approve": Step(frozenset({"submitted"}), "published"),
    "reject": Step(frozenset({"submitted"}), "rejected", needs_reason=True),
    "withdraw": Step(frozenset({"submitted", "published", "expired"}), "withdrawn"),
    "expire": Step(frozenset({"published"}), "expired"),
    "renew": Step(frozenset({"published", "expired"}), "published"),
}


# The steps people take (pages and API); "expire" is the daily job's alone.
PEOPLE_ACTIONS = tuple(name for name in STEPS if name != "expire")


def is_lapsed(item: Any, on: dt.date | None = None) -> bool:
    return item.expires_on < (on or today())


def effective_status(item: Any, on: dt.date | None = None) -> str:
    """The status people see: a published listing past its end date counts as expired."""
    if item.status == "published" and is_lapsed(item, on):
        return "expired"
    return item.status


def allowed_actions(status: str) -> list[str]:
    return [name for name in PEOPLE_ACTIONS if status in STEPS[name].sources]
