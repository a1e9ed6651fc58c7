"""The platform administrators' page of the audit log: /admin/audit."""

from flask import abort, render_template, request
from flask_login import current_user, login_required

from matchhub.audit.services import ACTIONS, entries_query
from matchhub.core.args import int_arg, page_arg
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.core.routing import MAX_ID

routes = RouteTable()
PER_PAGE = 50


@routes.get("/admin/audit")
@login_required
def entries():
    if current_user.role != "platform_admin":
        abort(403)
    action = request.args.get("action", "")
    if action and action not in ACTIONS and action not in {a.split(".")[0] for a in ACTIONS}:
        action = ""
    actor_id = int_arg("actor")
    if actor_id is not None and not 0 < actor_id <= MAX_ID:
        actor_id = None
    page = db.paginate(entries_query(action, actor_id), page=page_arg(),
                       per_page=PER_PAGE, error_out=False)
    return render_template("audit/entries.html", page=page, action=action, actions=ACTIONS)
