"""Run each daily routine at most once per day: the ``routine_runs`` row is claimed in
its own committed transaction before the work starts, so a second process (another
worker, another host on the same database) finds the claim and skips."""

import datetime as dt
import logging
from collections.abc import Callable, Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchhub.core.db_types import utcnow
from matchhub.routines.models import RoutineRun

log = logging.getLogger(__name__)
Job = Callable[[Session, dt.date], str]


def claim(session: Session, name: str, on: dt.date) -> RoutineRun | None:
    """Claim the day for a routine and commit; None when it is already claimed."""
    if session.scalar(select(RoutineRun.id).where(RoutineRun.name == name,
                                                  RoutineRun.run_on == on)) is not None:
        return None
    run = RoutineRun(name=name, run_on=on)
    session.add(run)
    try:
        session.commit()
    except IntegrityError:  # another process claimed it between the check and the insert
        session.rollback()
        return None
    return run


def run_one(session: Session, name: str, job: Job, on: dt.date) -> str | None:
    """Run the routine unless today's run is claimed; the outcome, or None if skipped.
    A failed run keeps its claim (outcome ``failed: …``): it is tried again tomorrow."""
    run = claim(session, name, on)
    if run is None:
        return None
    try:
        outcome = job(session, on)
    except Exception as exc:  # noqa: BLE001  (one broken routine must not stop the others)
        session.rollback()
        log.exception("routine %s failed", name)
        outcome = f"failed: {type(exc).__name__}: {exc}"
    run = session.merge(run)
    run.finished_at, run.outcome = utcnow(), outcome[:500]
    session.commit()
    return outcome


def run_due(session: Session, jobs: Mapping[str, Job], on: dt.date) -> dict[str, str]:
    """Run every routine not yet run on ``on``; their outcomes by name."""
    done = {}
    for name, job in jobs.items():
        outcome = run_one(session, name, job, on)
        if outcome is not None:
            done[name] = outcome
    return done
