"""What importing a row whose registration number is already recorded means, row by row.

Each row of a contract import ends as ``new``, ``unchanged`` (the file's values are those
recorded), ``corrected`` (some differ: the fields are named, old -> new, and the change is
made through services.update_contract, whose rules decide who may make it) or
``cancelled`` (the recorded contract was cancelled: it is reported as such, never revived
and never counted as unchanged). Only the fields the file has columns for are compared.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.contracts import services
from matchhub.contracts.labels import value_label
from matchhub.contracts.models import Contract

NEW, UNCHANGED, CORRECTED, CANCELLED = "new", "unchanged", "corrected", "cancelled"
OUTCOME_LABELS = {NEW: "新登记", UNCHANGED: "未变", CORRECTED: "更正", CANCELLED: "已撤销"}
NOT_COMPARED = frozenset({"registration_number"})  # the key rows are matched by


@dataclass
class FieldChange:
    field: str  # the file's header for the field
    key: str
    old: str  # as people read it
    new: str


@dataclass
class RowOutcome:
    row: int  # spreadsheet row number
    registration_number: str
    outcome: str  # NEW, UNCHANGED, CORRECTED or CANCELLED
    contract_id: int | None = None
    changes: list[FieldChange] = field(default_factory=list)


def _stored(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def differences(recorded: Contract, row: Contract, keys: list[str],
                header_for) -> list[FieldChange]:
    """The compared fields whose recorded value differs from the row's."""
    changes = []
    for key in keys:
        old, new = getattr(recorded, key), getattr(row, key)
        if key not in NOT_COMPARED and _stored(old) != _stored(new):
            changes.append(FieldChange(header_for(key), key, value_label(key, _stored(old)),
                                       value_label(key, _stored(new))))
    return changes


def outcome_of(recorded: Contract, changes: list[FieldChange]) -> str:
    if recorded.status == "cancelled":
        return CANCELLED
    return CORRECTED if changes else UNCHANGED


def correct(session: Session, user: User, recorded: Contract, row: Contract,
            changes: list[FieldChange], today: dt.date) -> None:
    """Make a row's corrections through the contract service (its permission, validation,
    history and audit rules apply); raises its PermissionDenied or ValidationFailed."""
    values = {change.key: getattr(row, change.key) for change in changes}
    services.update_contract(session, user, recorded, values, today)
