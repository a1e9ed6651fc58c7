"""``matchhub scheduler`` (the loop) and ``matchhub routines run`` (once, now)."""

import logging
import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.routines.jobs import DAILY
from matchhub.routines.runs import run_due
from matchhub.routines.scheduler import serve_forever

routines_group = AppGroup("routines", help="每日例行任务（到期下架、推送、分派）")


@routines_group.command("run")
def run_command() -> None:
    """Run today's routines that have not run yet (each at most once a day)."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        done = run_due(db.session, DAILY, today())
    for name, outcome in done.items():
        click.echo(f"{name}: {outcome}")
    if not done:
        click.echo("today's routines have already run")


@click.command("scheduler")
@click.option("--interval", type=click.FloatRange(1, 3600), default=60.0, show_default=True,
              help="seconds between checks")
@with_appcontext
def scheduler_command(interval: float) -> None:
    """Run the routines by themselves (serve and demo start this beside gunicorn)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s [scheduler] %(message)s"))
    logger = logging.getLogger("matchhub.routines")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if not serve_forever(current_app._get_current_object(), stop, interval):
        click.echo("another scheduler is running on this data dir; exiting")
