"""The platform administrator's search status page (检索状态).

Its URL and endpoint (``accounts.search_status``, under the administration menu) are the
ones it had when it lived with the accounts pages; ``init_app`` adds the rule to the app
under that name, so the accounts blueprint need not know about search.
"""

from flask import Flask, abort, render_template
from flask_login import current_user, login_required

from matchhub.core.extensions import db
from matchhub.search.backends import InvalidSearchBackendError, get_search_backend
from matchhub.search.indexing.status import outbox_summary

ENDPOINT = "accounts.search_status"


@login_required
def search_status():
    """The search backend's state (including why semantic search is off when it is) and
    the indexer's outbox: changes waiting and those dead-lettered with their errors."""
    if current_user.role != "platform_admin":
        abort(403)
    try:
        status = get_search_backend().status()
    except InvalidSearchBackendError as exc:
        status = {"ok": False, "error": str(exc)}
    return render_template("search/admin.html", status=status,
                           outbox=outbox_summary(db.session))


def init_app(app: Flask) -> None:
    app.add_url_rule("/admin/search", endpoint=ENDPOINT, view_func=search_status,
                     methods=["GET"])
