"""The user's own listings ("我的") and the reviewers' queue ("审核")."""

from flask import abort, current_app, render_template
from flask_login import current_user, login_required

from matchhub.catalog import queries
from matchhub.catalog.access import can_review_anything
from matchhub.catalog.forms import RejectForm
from matchhub.catalog.models import Achievement, Need
from matchhub.catalog.views.support import permitted, shows_demo
from matchhub.core.args import page_arg
from matchhub.core.current_user import me
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable

routes = RouteTable()


def _owned_page(model, page_name: str):
    return db.paginate(queries.owned_query(model, me()),
                       page=page_arg(page_name),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)


@routes.get("/my")
@login_required
def mine():
    achievements = _owned_page(Achievement, "apage")
    needs = _owned_page(Need, "npage")
    rights = {(i.item_type, i.id): permitted(i) for i in [*achievements.items, *needs.items]}
    return render_template("catalog/my.html", achievements=achievements, needs=needs,
                           rights=rights, demo_note=shows_demo(achievements.items))


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
