"""``matchhub indexer ...`` and ``python -m indexer ...``: run, rebuild, verify, status."""

import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask.cli import AppGroup
from sqlalchemy.orm import Session

from matchhub.core.extensions import db
from matchhub.search.backends import get_search_backend
from matchhub.search.indexing.locks import RebuildRunning
from matchhub.search.indexing.runs import app_locks, app_settings, rebuild_now
from matchhub.search.indexing.status import outbox_summary, requeue_dead
from matchhub.search.indexing.verify import VerifyReport, repair, verify
from matchhub.search.indexing.worker import run_indexer

indexer_group = AppGroup("indexer", help="Search indexer: outbox, rebuild, verify.")
SHOWN = 20


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event SIGTERM and SIGINT set while the block runs; the previous handlers after."""
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@indexer_group.command("run")
@click.option("--once", is_flag=True, help="Exit when no change is due instead of waiting.")
def run_command(once: bool) -> None:
    """Apply outbox changes to the search index, in order, until stopped."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    with _stop_on_signals() as stop:
        totals = run_indexer(lambda: Session(db.engine), get_search_backend(), app_locks(),
                             app_settings(), once=once, stop=stop)
    click.echo(f"applied {totals.applied} changes ({totals.retrying} to retry, "
               f"{totals.dead} dead)")


@indexer_group.command("rebuild")
@click.option("--workers", type=int, default=None, help="analysis processes (default: CPUs)")
@click.option("--quiet", is_flag=True, help="no progress bar")
def rebuild_command(workers: int | None, quiet: bool) -> None:
    """Build a new index version from the database and switch to it."""
    try:
        count = rebuild_now(workers, show_progress=not quiet)
    except RebuildRunning as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"rebuilt the index: {count} documents")


@indexer_group.command("verify")
@click.option("--repair", "fix", is_flag=True, help="Re-apply every item that differs.")
def verify_command(fix: bool) -> None:
    """Compare the database and the index; exit status 1 when they differ."""
    backend = get_search_backend()
    with Session(db.engine) as session:
        report = verify(session, backend)
        echo_report(report)
        pending = outbox_summary(session).pending
        if pending and not report.clean:
            click.echo(f"({pending} changes still wait in the outbox: `indexer run` applies them)")
        if fix and not report.clean:
            errors = repair(session, backend, app_locks(), report.differences)
            click.echo(f"repaired {len(report.differences) - len(errors)} items"
                       + (f", {len(errors)} failed" if errors else ""))
            report = verify(session, backend)
            echo_report(report)
    sys.exit(0 if report.clean else 1)


def echo_report(report: VerifyReport) -> None:
    click.echo(f"{'type':<14}{'expected':>9}{'indexed':>9}  database rows by status")
    for item_type, counts in sorted(report.counts.items()):
        statuses = ", ".join(f"{s} {n}" for s, n in sorted(counts.by_status.items()))
        click.echo(f"{item_type:<14}{counts.expected:>9}{counts.indexed:>9}  {statuses}")
    for name in ("missing", "stale", "extra"):
        keys = getattr(report, name)
        shown = " ".join(f"{t}:{i}" for t, i in keys[:SHOWN])
        more = f" (+{len(keys) - SHOWN} more)" if len(keys) > SHOWN else ""
        click.echo(f"{name}: {len(keys)}" + (f"  {shown}{more}" if keys else ""))
    click.echo("no difference" if report.clean else "the index differs from the database")


@indexer_group.command("status")
def status_command() -> None:
    """Outbox counts and the dead-lettered changes with their errors."""
    with Session(db.engine) as session:
        summary = outbox_summary(session)
    oldest = summary.oldest_pending.isoformat(timespec="seconds") if summary.oldest_pending \
        else "-"
    click.echo(f"pending {summary.pending} (retrying {summary.retrying}), "
               f"dead {summary.dead}, oldest pending {oldest}")
    for row in summary.dead_rows:
        click.echo(f"dead #{row.id} {row.item_type}:{row.item_id} after {row.attempts} "
                   f"attempts: {row.last_error}")


@indexer_group.command("requeue")
def requeue_command() -> None:
    """Retry every dead-lettered change."""
    with Session(db.engine) as session:
        count = requeue_dead(session)
        session.commit()
    click.echo(f"requeued {count} changes")
