"""GET /workbench: what waits for the signed-in user, by role."""

from flask import current_app, g, render_template
from flask_login import login_required

from matchhub.cases.workflow import STATES
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.workbench.pending import workload

routes = RouteTable()


def _workload():
    """The user's workload, computed once per request (the page and the nav share it)."""
    if "workload" not in g:
        g.workload = workload(db.session, me(), today(),
                              current_app.config["NOTIFY_REMINDER_DAYS"])
    return g.workload


@routes.app_template_global("pending_work_count")
def pending_work_count() -> int:
    return _workload().waiting if me() is not None else 0


@routes.get("/workbench")
@login_required
def workbench():
    return render_template("workbench/index.html", load=_workload(), case_states=STATES,
                           today=today())
