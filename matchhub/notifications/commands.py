"""``matchhub notify run`` (cron-able: matches, reminders, digests, then sending) and
``matchhub notify send`` (the outbox only)."""

import click
from flask import current_app
from flask.cli import AppGroup

from matchhub.core.clock import today
from matchhub.core.db_types import utcnow
from matchhub.core.extensions import db
from matchhub.notifications.digest import build_digests
from matchhub.notifications.matcher import collect_matches
from matchhub.notifications.reminders import send_expiry_reminders
from matchhub.notifications.sender import get_mail_sender, send_pending
from matchhub.notifications.settings import smtp_settings
from matchhub.search import get_search_backend

notify_group = AppGroup("notify", help="订阅推送与到期提醒")


def _send() -> None:
    settings = smtp_settings(current_app.config)
    sender = get_mail_sender(settings)
    if not sender.enabled:
        click.echo("SMTP_HOST is not set: emails stay pending in the outbox")
        return
    report = send_pending(db.session, sender, settings, utcnow())
    click.echo(f"emails sent {report.sent}, retrying {report.retrying}, "
               f"failed {report.failed}")


@notify_group.command("run")
@click.option("--no-send", is_flag=True, help="queue emails without sending them")
def run_command(no_send: bool) -> None:
    """Collect matches of new publications, remind owners, build today's digests, send."""
    config = current_app.config
    on = today()
    # Links in notifications and emails are built with url_for under the public URL.
    with current_app.test_request_context(base_url=config["PUBLIC_URL"]):
        matches = collect_matches(db.session, get_search_backend(), on, utcnow())
        reminders = send_expiry_reminders(db.session, on, config["NOTIFY_REMINDER_DAYS"])
        digests = build_digests(db.session, on, config["NOTIFY_DIGEST_ITEMS"])
    db.session.commit()
    click.echo(f"new matches {matches}, reminders {reminders}, digests {digests}")
    if not no_send:
        _send()


@notify_group.command("send")
def send_command() -> None:
    """Send the pending emails of the outbox."""
    _send()
