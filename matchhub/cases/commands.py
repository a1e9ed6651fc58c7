"""``matchhub cases route``: assign new needs to brokers automatically (run it daily)."""

import click
from flask.cli import AppGroup

from matchhub.cases.routing import route_new_needs
from matchhub.core.clock import today
from matchhub.core.extensions import db

cases_group = AppGroup("cases", help="对接单（需求自动分派等）")


@cases_group.command("route")
@click.option("--limit", type=click.IntRange(1, 10000), default=500, show_default=True,
              help="at most this many needs per run")
def route_command(limit: int) -> None:
    """Route published needs without an open case to the best-fitting broker."""
    routed, unmatched = route_new_needs(db.session, today(), limit)
    db.session.commit()
    click.echo(f"已自动分派 {routed} 项需求；{unmatched} 项没有擅长该领域的技术经纪人")
