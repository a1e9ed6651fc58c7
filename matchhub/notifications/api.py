"""JSON API: /api/v1/subscriptions (the caller's own: list, create, get, change, delete)
and /api/v1/notifications (list, mark read). Token scope ``notifications``; another
user's subscription or notification answers 404."""

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from matchhub.api.auth import require_scope
from matchhub.api.pagination import paginate
from matchhub.catalog import services as catalog
from matchhub.core.clock import today
from matchhub.core.db_types import utcnow
from matchhub.core.extensions import db
from matchhub.core.schemas import PageArgsSchema
from matchhub.notifications import inbox, schemas, services

BEARER = [{"bearerAuth": []}]
SCOPE = "notifications"
subscriptions_blp = Blueprint("api_subscriptions", __name__, url_prefix="/api/v1/subscriptions",
                              description="订阅（精准推送）")
notifications_blp = Blueprint("api_notifications", __name__, url_prefix="/api/v1/notifications",
                              description="站内通知")


def _default() -> float:
    return current_app.config["NOTIFY_THRESHOLD"]


def _create(user, data: dict):
    if data["kind"] == "saved_search":
        return services.subscribe_search(db.session, user, data["type"], data["q"],
                                         data["filters"], data.get("threshold"), _default())
    item = catalog.find_visible(db.session, user, data["item_type"], data["item_id"], today())
    if item is None:
        abort(404, message="未找到该成果或需求")
    return services.subscribe_item(db.session, user, item, data.get("threshold"), _default())


@subscriptions_blp.route("")
class Subscriptions(MethodView):
    @subscriptions_blp.arguments(PageArgsSchema, location="query")
    @subscriptions_blp.response(200, schemas.SubscriptionPageSchema)
    @subscriptions_blp.doc(security=BEARER)
    def get(self, args):
        """The caller's subscriptions, newest first."""
        user = require_scope(SCOPE)
        return paginate(services.subscriptions_query(user), args)

    @subscriptions_blp.arguments(schemas.SubscriptionInSchema)
    @subscriptions_blp.response(201, schemas.SubscriptionSchema)
    @subscriptions_blp.doc(security=BEARER)
    def post(self, data):
        """Save a search, or subscribe to matches of your own need or achievement."""
        sub = _create(require_scope(SCOPE), data)
        db.session.commit()
        return sub


def _own_subscription(sub_id: int):
    sub = services.find_own(db.session, require_scope(SCOPE), sub_id)
    if sub is None:
        abort(404, message="未找到该订阅")
    return sub


@subscriptions_blp.route("/<int:sub_id>")
class SubscriptionItem(MethodView):
    @subscriptions_blp.response(200, schemas.SubscriptionSchema)
    @subscriptions_blp.doc(security=BEARER)
    def get(self, sub_id):
        """One of the caller's subscriptions."""
        return _own_subscription(sub_id)

    @subscriptions_blp.arguments(schemas.SubscriptionPatchSchema)
    @subscriptions_blp.response(200, schemas.SubscriptionSchema)
    @subscriptions_blp.doc(security=BEARER)
    def patch(self, changes, sub_id):
        """Rename, change the threshold, pause (active=false) or resume."""
        sub = services.update_subscription(db.session, _own_subscription(sub_id), changes,
                                           _default())
        db.session.commit()
        return sub

    @subscriptions_blp.response(204)
    @subscriptions_blp.doc(security=BEARER)
    def delete(self, sub_id):
        """Delete the subscription."""
        services.delete_subscription(db.session, _own_subscription(sub_id))
        db.session.commit()


@notifications_blp.route("")
class Notifications(MethodView):
    @notifications_blp.arguments(schemas.NotificationArgsSchema, location="query")
    @notifications_blp.response(200, schemas.NotificationPageSchema)
    @notifications_blp.doc(security=BEARER)
    def get(self, args):
        """The caller's notifications, newest first (unread=true: unread only)."""
        user = require_scope(SCOPE)
        return paginate(inbox.inbox_query(user, args["unread"]), args)


@notifications_blp.route("/<int:notification_id>/read")
class NotificationRead(MethodView):
    @notifications_blp.response(200, schemas.NotificationSchema)
    @notifications_blp.doc(security=BEARER)
    def post(self, notification_id):
        """Mark one notification read."""
        found = inbox.find_own(db.session, require_scope(SCOPE), notification_id)
        if found is None:
            abort(404, message="未找到该通知")
        inbox.mark_read(db.session, found, utcnow())
        db.session.commit()
        return found


@notifications_blp.route("/read-all")
class NotificationsReadAll(MethodView):
    @notifications_blp.response(200, schemas.ReadAllSchema)
    @notifications_blp.doc(security=BEARER)
    def post(self):
        """Mark all the caller's notifications read."""
        count = inbox.mark_all_read(db.session, require_scope(SCOPE), utcnow())
        db.session.commit()
        return {"updated": count}
