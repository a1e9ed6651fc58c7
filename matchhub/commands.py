"""CLI commands owned by the app itself: ``matchhub serve``. Features register theirs."""

import os
import sys
from typing import NoReturn

import click
from flask import Flask, current_app

from matchhub.core.config_files import config_dir


@click.command("serve")
@click.option("--bind", default=None, help="host:port (default 127.0.0.1:5000)")
@click.option("--workers", type=int, default=None, help="gunicorn worker processes")
def serve_command(bind: str | None, workers: int | None) -> None:
    """Serve the app with gunicorn and config/gunicorn.conf.py."""
    run_gunicorn(bind, workers)


def run_gunicorn(bind: str | None = None, workers: int | None = None) -> NoReturn:
    """Become gunicorn (config/gunicorn.conf.py, this app's data dir): the process is
    replaced rather than waited on, so a signal sent to the pid of ``matchhub serve`` or
    ``matchhub demo`` (SIGTERM from a service manager, SIGINT) reaches gunicorn's master,
    which stops its workers."""
    env = dict(os.environ)
    if bind:
        env["MATCHHUB_BIND"] = bind
    if workers:
        env["MATCHHUB_WORKERS"] = str(workers)
    env.setdefault("MATCHHUB_DATA_DIR", current_app.config["DATA_DIR"])
    args = [sys.executable, "-m", "gunicorn", "-c", str(config_dir() / "gunicorn.conf.py"),
            "matchhub.wsgi:app"]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, args, env)


def init_app(app: Flask) -> None:
    app.cli.add_command(serve_command)
