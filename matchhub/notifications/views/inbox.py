"""The 「通知」 page: a user's notifications, newest first; opening one marks it read."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from matchhub.core.args import page_arg
from matchhub.core.current_user import me
from matchhub.core.db_types import utcnow
from matchhub.core.extensions import db
from matchhub.core.forms import safe_next
from matchhub.core.route_table import RouteTable
from matchhub.notifications import inbox

routes = RouteTable()


@routes.get("/notifications")
@login_required
def notifications():
    unread_only = request.args.get("unread") == "1"
    page = db.paginate(inbox.inbox_query(me(), unread_only),
                       page=page_arg(),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("notifications/inbox.html", page=page, unread_only=unread_only)


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
