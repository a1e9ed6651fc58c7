"""Refused actions that matter (a workflow step someone was not allowed to take, or took
from the wrong state) go to the audit log. The refused request's own changes are rolled
back first; the entry then commits on its own, as a failed sign-in's does."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from matchhub.audit.services import record
from matchhub.core.errors import InvalidTransition, PermissionDenied

if TYPE_CHECKING:  # audit sits below accounts: the user type only
    from matchhub.accounts.models import User

OUTCOMES = {PermissionDenied: "denied", InvalidTransition: "invalid"}


@contextmanager
def audit_refusals(session: Session, actor: "User | None", action: str, target: Any,
                   **details: Any) -> Iterator[None]:
    """Run the block; if it is refused (403 or 409), record ``action`` on ``target`` with
    the outcome and the message, commit that entry alone and re-raise."""
    try:
        yield
    except (PermissionDenied, InvalidTransition) as exc:
        session.rollback()
        outcome = next(v for k, v in OUTCOMES.items() if isinstance(exc, k))
        record(session, actor, action, target, exc.message, outcome=outcome, **details)
        session.commit()
        raise
