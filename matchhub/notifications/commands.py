"""``matchhub notify run`` (cron-able: matches, reminders, digests, then sending) and
``matchhub notify send`` (the outbox only)."""

import click
from flask import current_app
from flask.cli import AppGroup

from matchhub.core.clock import today
from matchhub.core.db_types import utcnow
from matchhub.core.extensions import db
from matchhub.notifications.daily import run_daily, send_outbox

notify_group = AppGroup("notify", help="订阅推送与到期提醒")


def _send() -> None:
    click.echo(send_outbox(db.session, current_app.config))


@notify_group.command("run")
@click.option("--no-send", is_flag=True, help="queue emails without sending them")
def run_command(no_send: bool) -> None:
    """Collect matches of new publications, remind owners, build today's digests, send."""
    config = current_app.config
    on = today()
    # Links in notifications and emails are built with url_for under the public URL.
    with current_app.test_request_context(base_url=config["PUBLIC_URL"]):
        summary = run_daily(db.session, config, on, utcnow())
    db.session.commit()
    click.echo(summary)
    if not no_send:
        _send()


@notify_group.command("send")
def send_command() -> None:
    """Send the pending emails of the outbox."""
    _send()
