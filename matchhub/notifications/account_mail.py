"""Queue the emails accounts asks for (``accounts.events.email_requested``) in the
outbox, in the transaction of the change that asked; ``matchhub notify`` sends them."""

from flask import Flask

from matchhub.accounts.events import email_requested
from matchhub.notifications.models import EmailOutbox


def queue_account_email(_sender, *, session, to_addr: str, subject: str, body: str) -> None:
    session.add(EmailOutbox(to_addr=to_addr, subject=subject[:200], body_text=body))


def init_app(app: Flask) -> None:
    email_requested.connect(queue_account_email)  # blinker keeps one connection per receiver
