"""The broker's 对接推荐 page and the "not relevant" form of a detail page."""

from flask import flash, redirect, render_template, request
from flask_login import login_required

from matchhub.catalog.views.detail_page import render_detail
from matchhub.catalog.views.support import item_url, load_visible
from matchhub.core.args import BadArgument
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import Conflict, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import safe_next
from matchhub.core.route_table import RouteTable
from matchhub.matching.broker import broker_pairs
from matchhub.matching.candidates import OPPOSITE
from matchhub.matching.feedback import mark_not_relevant
from matchhub.matching.weights import feedback_reasons
from matchhub.search import get_search_backend

routes = RouteTable()
# The 对接推荐 filter: every zone and field (the default), or the broker's own.
SCOPES = {"all": "全部示范区与领域", "mine": "我负责的示范区与领域"}
FEEDBACK_RULE = ("/<any(needs, achievements):plural>/<int:item_id>/matches/<int:other_id>"
                 "/not-relevant")


@routes.get("/matches")
@login_required
def broker_page():
    scope = request.args.get("scope", "all")
    if scope not in SCOPES:
        raise BadArgument("scope", "只能是 all 或 mine")
    pairs = broker_pairs(db.session, get_search_backend(), me(), today(),
                         own_scope=scope == "mine")
    return render_template("matching/broker.html", pairs=pairs, scope=scope, scopes=SCOPES,
                           feedback_reasons=feedback_reasons().choices())


def _back(item):
    return redirect(safe_next(request.form.get("next")) or item_url(item, _anchor="matches"))


@routes.post(FEEDBACK_RULE)
@login_required
def not_relevant(plural: str, item_id: int, other_id: int):
    source = load_visible(plural, item_id)
    recommended = load_visible(f"{OPPOSITE[source.item_type]}s", other_id)
    try:
        mark_not_relevant(db.session, me(), source, recommended,
                          request.form.get("reason", ""), request.form.get("note", ""))
    except ValidationFailed as exc:
        db.session.rollback()
        return render_detail(source, 422, match_feedback_errors=exc.fields)
    except Conflict as exc:
        db.session.rollback()
        flash(exc.message, "info")
        return _back(source)
    db.session.commit()
    flash("已标记为不相关，该推荐不会再出现", "success")
    return _back(source)

