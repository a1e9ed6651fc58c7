"""What importing a row whose registration number is already recorded means, row by row.

Each row of a contract import ends as ``new``, ``unchanged`` (the file's values are those
recorded), ``corrected`` or ``cancelled`` (the recorded contract was cancelled: reported as
such, never revived and never counted as unchanged). Only the fields the file has columns
for are compared. A row is ``corrected`` when

- the platform's record was corrected after the file was made: every differing value of
  the file is one the contract's history shows replaced (nothing changes; old -> new is
  the file's value -> the record's), or
- the importer asked for corrections (``apply``): the record takes the file's values
  through services.update_contract, whose rules decide who may change the contract.

Any other difference refuses the file, as a change to a registered contract is made on
its own page (or by asking for corrections).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from more_itertools import batched
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.contracts import services
from matchhub.contracts.labels import value_label
from matchhub.contracts.models import Contract, ContractChange

NEW, UNCHANGED, CORRECTED, CANCELLED = "new", "unchanged", "corrected", "cancelled"
OUTCOME_LABELS = {NEW: "新登记", UNCHANGED: "未变", CORRECTED: "更正", CANCELLED: "已撤销"}
NOT_COMPARED = frozenset({"registration_number"})  # the key rows are matched by


@dataclass(slots=True)
class FieldChange:
    field: str  # the file's header for the field
    key: str
    old: str  # as people read it
    new: str


@dataclass(slots=True)
class RowOutcome:
    row: int  # spreadsheet row number
    registration_number: str
    outcome: str  # NEW, UNCHANGED, CORRECTED or CANCELLED
    contract_id: int | None = None
    changes: list[FieldChange] = field(default_factory=list)
    applied: bool = False  # CORRECTED: this import made the correction


History = dict[int, dict[str, set[str]]]  # contract id -> field -> values it replaced


def replaced_values(session: Session, contract_ids: list[int]) -> History:
    """The values each contract's corrections replaced, by field (ids asked 500 at a time,
    within every database's limit of bound parameters)."""
    history: History = {}
    for ids in batched(contract_ids, 500):
        stmt = select(ContractChange.contract_id, ContractChange.field,
                      ContractChange.old_value).where(ContractChange.contract_id.in_(ids),
                                                      ContractChange.action.in_(EDITS))
        for contract_id, key, old in session.execute(stmt):
            history.setdefault(contract_id, {}).setdefault(key, set()).add(old)
    return history


def _stored(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def _change(key: str, header: str, old: Any, new: Any) -> FieldChange:
    return FieldChange(header, key, value_label(key, _stored(old)),
                       value_label(key, _stored(new)))


def differing(recorded: Contract, row: Contract, keys: list[str]) -> list[str]:
    """The compared keys whose recorded value differs from the row's."""
    return [k for k in keys if k not in NOT_COMPARED
            and _stored(getattr(recorded, k)) != _stored(getattr(row, k))]


def outcome_of(recorded: Contract, row: Contract, keys: list[str], history: History,
               header_for) -> RowOutcome | None:
    """The row's outcome, applied corrections aside; None: a difference to refuse (or to
    correct, when asked)."""
    outcome = RowOutcome(0, recorded.registration_number, UNCHANGED, recorded.id)
    differ = differing(recorded, row, keys)
    if recorded.status == "cancelled":
        outcome.outcome = CANCELLED
        outcome.changes = [_change(k, header_for(k), getattr(recorded, k), getattr(row, k))
                           for k in differ]
        return outcome
    if not differ:
        return outcome
    replaced = history.get(recorded.id, {})
    if all(_stored(getattr(row, k)) in replaced.get(k, ()) for k in differ):
        outcome.outcome = CORRECTED
        outcome.changes = [_change(k, header_for(k), getattr(row, k), getattr(recorded, k))
                           for k in differ]
        return outcome
    return None


def to_apply(recorded: Contract, row: Contract, keys: list[str], header_for) -> RowOutcome:
    """The outcome of a correction the import is asked to make: recorded -> file."""
    changes = [_change(k, header_for(k), getattr(recorded, k), getattr(row, k))
               for k in differing(recorded, row, keys)]
    return RowOutcome(0, recorded.registration_number, CORRECTED, recorded.id, changes,
                      applied=True)


# History actions that replace a field's value: edits before confirmation, an officer's
# corrections after it.
EDITS = ("update", "correct")
CORRECTION_REASON = "按导入文件更正"


def correct(session: Session, user: User, recorded: Contract, row: Contract,
            changes: list[FieldChange], today: dt.date) -> None:
    """Make a row's corrections through the contract service (its permission, validation,
    history and audit rules apply); raises its PermissionDenied or ValidationFailed."""
    values = {change.key: getattr(row, change.key) for change in changes}
    services.update_contract(session, user, recorded, values, today, reason=CORRECTION_REASON)
