"""The notifications' web pages: 「我的订阅」, the 「通知」 inbox and unsubscribe links."""

from flask import Blueprint

from matchhub.notifications.views import inbox, subscriptions, unsubscribe

bp = Blueprint("notifications", __name__)
for module in (subscriptions, inbox, unsubscribe):
    module.routes.register(bp)
