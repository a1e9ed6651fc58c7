"""The user's own listings ("我的") and the reviewers' queue ("审核")."""

from flask import abort, current_app, render_template, request
from flask_login import current_user, login_required

from matchhub.catalog import queries
from matchhub.catalog.access import can_create, can_review_anything
from matchhub.catalog.forms import RejectForm
from matchhub.catalog.models import Achievement, Need
from matchhub.catalog.views.support import permitted, shows_demo
from matchhub.core.args import BadArgument, page_arg
from matchhub.core.current_user import me
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.core.vocabularies import vocabulary

routes = RouteTable()


MODELS_BY_TYPE = {"achievement": Achievement, "need": Need}


def _owned_page(model, page_name: str, status: str):
    stmt = queries.owned_query(model, me())
    if status:
        stmt = stmt.where(model.status == status)
    return db.paginate(stmt, page=page_arg(page_name),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)


def _filters() -> tuple[str, str]:
    """The 我的 filters (status, type), or 400 naming the field."""
    status, kind = request.args.get("status", ""), request.args.get("type", "")
    if status and status not in vocabulary("listing_statuses").codes:
        raise BadArgument("status", "未知的状态")
    if kind and kind not in MODELS_BY_TYPE:
        raise BadArgument("type", "只能是 achievement 或 need")
    return status, kind


def _applies(kind: str, chosen: str) -> bool:
    """Show a section when it is the chosen type (or none is) and the user publishes that
    kind of listing or owns some."""
    if chosen and chosen != kind:
        return False
    owned = queries.owned_query(MODELS_BY_TYPE[kind], me()).limit(1)
    return can_create(me(), kind) or db.session.scalars(owned).first() is not None


@routes.get("/my")
@login_required
def mine():
    status, kind = _filters()
    pages = {k: _owned_page(model, f"{k[0]}page", status) if _applies(k, kind) else None
             for k, model in MODELS_BY_TYPE.items()}
    shown = [i for p in pages.values() if p is not None for i in p.items]
    rights = {(i.item_type, i.id): permitted(i) for i in shown}
    return render_template("catalog/my.html", achievements=pages["achievement"],
                           needs=pages["need"], rights=rights, status=status, kind=kind,
                           demo_note=shows_demo(shown))


@routes.get("/review")
@login_required
def review():
    if not can_review_anything(current_user):
        abort(403)
    achievements = db.session.scalars(queries.review_query(Achievement, me())).all()
    needs = db.session.scalars(queries.review_query(Need, me())).all()
    rights = {(i.item_type, i.id): permitted(i) for i in [*achievements, *needs]}
    return render_template("catalog/review.html", achievements=achievements, needs=needs,
                           rights=rights, reject_form=RejectForm(formdata=None),
                           demo_note=shows_demo(achievements))
