"""The 「通知」 page: a user's notifications, newest first; opening one marks it read."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from matchhub.core.args import BadArgument, page_arg
from matchhub.core.current_user import me
from matchhub.core.db_types import utcnow
from matchhub.core.extensions import db
from matchhub.core.forms import safe_next
from matchhub.core.route_table import RouteTable
from matchhub.notifications import inbox
from matchhub.notifications.kinds import KINDS
from matchhub.notifications.preferences import CHANNELS, preferences, save_preferences

routes = RouteTable()


def _kind_arg() -> str:
    kind = request.args.get("kind", "")
    if kind and kind not in KINDS:
        raise BadArgument("kind", "未知的通知类别")
    return kind


@routes.get("/notifications")
@login_required
def notifications():
    unread_only = request.args.get("unread") == "1"
    kind = _kind_arg()
    page = db.paginate(inbox.inbox_query(me(), unread_only, kind),
                       page=page_arg(),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("notifications/inbox.html", page=page, unread_only=unread_only,
                           kind=kind, kinds=KINDS)


@routes.get("/notifications/settings")
@login_required
def settings():
    return render_template("notifications/settings.html", kinds=KINDS,
                           chosen=preferences(db.session, me()))


@routes.post("/notifications/settings")
@login_required
def save_settings():
    form = request.form
    chosen = {kind: {c for c in CHANNELS if form.get(f"{kind}.{c}")} for kind in KINDS}
    save_preferences(db.session, me(), chosen)
    db.session.commit()
    flash("已保存通知设置", "success")
    return redirect(url_for("notifications.settings"))


@routes.post("/notifications/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    """Mark read, then go to what it links to (or back to the list)."""
    found = inbox.find_own(db.session, me(), notification_id)
    if found is None:
        abort(404)
    inbox.mark_read(db.session, found, utcnow())
    db.session.commit()
    return redirect(safe_next(found.link) or url_for("notifications.notifications"))


@routes.post("/notifications/read-all")
@login_required
def read_all():
    count = inbox.mark_all_read(db.session, me(), utcnow())
    db.session.commit()
    flash(f"已将 {count} 条通知标记为已读", "success")
    return redirect(url_for("notifications.notifications"))
