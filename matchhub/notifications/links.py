"""Absolute links for emails and relative ones for in-app notifications.

Built with ``url_for``, so callers outside a request (the CLI) run inside
``app.test_request_context(base_url=PUBLIC_URL)``; see ``commands.py``.
"""

from flask import current_app, url_for

from matchhub.notifications.models import Subscription
from matchhub.notifications.tokens import unsubscribe_token


def item_path(item_type: str, item_id: int, external: bool = False) -> str:
    return url_for("catalog.detail", plural=f"{item_type}s", item_id=item_id,
                   _external=external)


def unsubscribe_url(sub: Subscription) -> str:
    token = unsubscribe_token(current_app.config["SECRET_KEY"], sub)
    return url_for("notifications.unsubscribe", token=token, _external=True)


def subscriptions_url() -> str:
    return url_for("notifications.subscriptions", _external=True)


def notification_list_path() -> str:
    return url_for("notifications.notifications")
