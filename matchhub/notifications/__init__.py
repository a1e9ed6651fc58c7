"""Subscriptions and push (精准推送): saved searches and own-item subscriptions, matches
collected when items are published, one digest a day (in-app and by email), unsubscribe
links, and reminders before a listing expires.

The web pages live in ``views/`` and the JSON API in ``api``; ``init_app`` checks the
NOTIFY_*/SMTP_* settings and registers them, the ``matchhub notify`` commands and the
listener that records publications, and queues the emails accounts asks for
(password reset, registration). The domain modules import without the web layer.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub import api
    from matchhub.notifications import account_mail, events, workflow
    from matchhub.notifications.api import notifications_blp, subscriptions_blp
    from matchhub.notifications.commands import notify_group
    from matchhub.notifications.settings import normalise
    from matchhub.notifications.views import bp

    normalise(app.config)  # fail at startup, not at the first send, on a bad setting
    events.init_app(app)
    account_mail.init_app(app)
    workflow.init_app(app)
    app.register_blueprint(bp)
    api.register(app, subscriptions_blp, notifications_blp)
    app.cli.add_command(notify_group)
