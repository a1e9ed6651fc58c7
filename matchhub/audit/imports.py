"""Audit entries for batch imports (catalogue and contracts, through the web page, the API
or the command line): who imported which file, how many rows were written or refused, and
the outcome. A refused import is rolled back first and then commits its own entry, as a
failed sign-in does; a successful one joins the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from matchhub.audit.services import record
from matchhub.core.errors import DomainError, PermissionDenied

if TYPE_CHECKING:  # audit sits below accounts: the user type only
    from matchhub.accounts.models import User

VIA = ("web", "api", "cli")


class Report(Protocol):
    total: int
    created: int


R = TypeVar("R", bound=Report)


def run_audited(session: Session, actor: User | None, action: str, filename: str, via: str,
                run: Callable[[], R], **details: Any) -> R:
    """Call ``run`` (an import) and record its outcome; domain errors are re-raised."""
    if via not in VIA:
        raise ValueError(via)
    try:
        report = run()
    except DomainError as exc:
        session.rollback()
        _record_refusal(session, actor, action, filename, via, exc, details)
        session.commit()
        raise
    record(session, actor, action, summary=f"{filename}：写入 {report.created} 行",
           file=filename, via=via, outcome="ok", total=report.total, written=report.created,
           refused=0, unchanged=getattr(report, "unchanged", 0), **details)
    return report


def _record_refusal(session: Session, actor: User | None, action: str, filename: str,
                    via: str, exc: DomainError, details: dict[str, Any]) -> None:
    report = getattr(exc, "report", None)
    refused = len({e.row for e in report.errors if e.row > 1}) if report is not None else 0
    outcome = "denied" if isinstance(exc, PermissionDenied) else "failed"
    record(session, actor, action, summary=f"{filename}：{exc.message}", file=filename,
           via=via, outcome=outcome, total=report.total if report is not None else None,
           written=0, refused=refused, **details)
