"""CLI commands owned by the app itself: serve, expire, create-admin (+ catalog, demo)."""

import os
import subprocess
import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from matchhub.core.config_files import config_dir
from matchhub.core.extensions import db


@click.command("serve")
@click.option("--bind", default=None, help="host:port (default 127.0.0.1:5000)")
@click.option("--workers", type=int, default=None, help="gunicorn worker processes")
def serve_command(bind: str | None, workers: int | None) -> None:
    """Serve the app with gunicorn and config/gunicorn.conf.py."""
    raise SystemExit(run_gunicorn(bind, workers))


def run_gunicorn(bind: str | None = None, workers: int | None = None) -> int:
    """Run gunicorn with config/gunicorn.conf.py on this app's data dir; its exit status."""
    env = dict(os.environ)
    if bind:
        env["MATCHHUB_BIND"] = bind
    if workers:
        env["MATCHHUB_WORKERS"] = str(workers)
    env.setdefault("MATCHHUB_DATA_DIR", current_app.config["DATA_DIR"])
    args = [sys.executable, "-m", "gunicorn", "-c", str(config_dir() / "gunicorn.conf.py"),
            "matchhub.wsgi:app"]
    return subprocess.call(args, env=env)


@click.command("expire")
@with_appcontext
def expire_command() -> None:
    """Record the expiry of listings past their end date (run daily)."""
    from matchhub.catalog.services import expire_due
    from matchhub.core.clock import today

    count = expire_due(db.session, today())
    db.session.commit()
    click.echo(f"expired {count} listings")


@click.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", "display_name", default="平台管理员")
@click.password_option()
@with_appcontext
def create_admin_command(email: str, display_name: str, password: str) -> None:
    """Create a platform administrator (平台管理员)."""
    from matchhub.accounts.services import UserInput, create_user
    from matchhub.audit import services as audit
    from matchhub.core.errors import ValidationFailed

    try:
        user = create_user(db.session, UserInput(email, display_name, password, "platform_admin"))
    except ValidationFailed as exc:
        raise click.ClickException(f"{exc.message}: {exc.fields}") from exc
    audit.record(db.session, None, "role.grant", user, f"{email}：平台管理员（命令行）",
                 role="platform_admin")
    db.session.commit()
    click.echo(f"created platform admin {email}")


def init_app(app: Flask) -> None:
    from indexer.commands import indexer_group
    from matchhub.backup.commands import backup_command, restore_command
    from matchhub.cases.commands import cases_group
    from matchhub.catalog.commands import catalog_group
    from matchhub.contracts.commands import contracts_group
    from matchhub.demo.commands import demo_command
    from matchhub.notifications.commands import notify_group
    from matchhub.search.web.benchmark import bench_group
    from matchhub.search.web.commands import search_group
    from matchhub.zones.commands import zones_group

    for command in (serve_command, expire_command, create_admin_command, catalog_group,
                    demo_command, search_group, bench_group, contracts_group, zones_group,
                    notify_group, cases_group, indexer_group, backup_command,
                    restore_command):
        app.cli.add_command(command)
