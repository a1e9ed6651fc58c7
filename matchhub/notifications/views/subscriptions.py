"""「我的订阅」 (create from the search page or an own listing, list, delete), and the
template globals of the navigation bar and detail pages."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from matchhub.catalog.access import is_owner
from matchhub.catalog.views.support import item_url, load_visible
from matchhub.core.current_user import me
from matchhub.core.errors import Conflict
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.notifications import services
from matchhub.notifications.inbox import unread_count

routes = RouteTable()
ITEM_RULE = "/<any(needs, achievements):plural>/<int:item_id>/subscribe"


@routes.app_template_global("unread_notification_count")
def unread_notification_count() -> int:
    user = me()
    return unread_count(db.session, user) if user is not None else 0


@routes.app_template_global("can_subscribe_item")
def can_subscribe_item(item) -> bool:
    return is_owner(me(), item)


def _default_threshold() -> float:
    return current_app.config["NOTIFY_THRESHOLD"]


@routes.get("/subscriptions")
@login_required
def subscriptions():
    found = services.user_subscriptions(db.session, me())
    return render_template("notifications/subscriptions.html", subscriptions=found,
                           default_threshold=_default_threshold())


def _saved(message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("notifications.subscriptions"))


@routes.post("/subscriptions/search")
@login_required
def subscribe_search():
    form = request.form
    try:
        services.subscribe_search(db.session, me(), form.get("type", ""), form.get("q", ""),
                                  form, form.get("threshold"), _default_threshold())
    except Conflict as exc:
        db.session.rollback()
        flash(exc.message, "info")
        return redirect(url_for("notifications.subscriptions"))
    return _saved("已订阅此搜索：有新的匹配成果或需求发布时，每天最多推送一次")


@routes.post(ITEM_RULE)
@login_required
def subscribe_item(plural: str, item_id: int):
    item = load_visible(plural, item_id)
    try:
        services.subscribe_item(db.session, me(), item, request.form.get("threshold"),
                                _default_threshold())
    except Conflict as exc:
        db.session.rollback()
        flash(exc.message, "info")
        return redirect(item_url(item))
    return _saved("已订阅：有新的匹配发布时，每天最多推送一次")


@routes.post("/subscriptions/<int:sub_id>/delete")
@login_required
def delete(sub_id: int):
    sub = services.find_own(db.session, me(), sub_id)
    if sub is None:
        abort(404)
    services.delete_subscription(db.session, sub)
    return _saved("已删除订阅")

