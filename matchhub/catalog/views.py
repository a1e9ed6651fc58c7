"""Web pages for achievements and needs: public lists and detail pages.

Editing, workflow steps, "my items" and the review queue register their routes
on the same ``bp`` from the sibling modules imported at the bottom.
"""

import datetime as dt

from flask import Blueprint, current_app, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload

from matchhub.catalog import queries
from matchhub.catalog.detail_page import render_detail
from matchhub.catalog.services import MODELS
from matchhub.catalog.view_support import item_type_of, item_url, load_visible, shows_demo
from matchhub.core.clock import today
from matchhub.core.errors import DomainError, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.regions import region_choices
from matchhub.permissions import can_create, can_review_anything

bp = Blueprint("catalog", __name__)
PLURAL_RULE = "/<any(achievements, needs):plural>"
CHINA = dt.timezone(dt.timedelta(hours=8))


# Globals rather than context values, so imported macros see them too.
bp.add_app_template_global(item_url, "item_url")
bp.add_app_template_global(can_review_anything, "can_review_anything")


@bp.app_template_global("can_create")
def current_user_can_create(item_type: str) -> bool:
    return can_create(current_user, item_type)


@bp.app_template_global("page_url")
def page_url(number: int, arg: str = "page") -> str:
    """This page's URL with another page number; keeps the filters, never url_for's options."""
    args = {k: v for k, v in request.args.items() if not k.startswith("_")}
    args.update(request.view_args or {})
    args[arg] = number
    return url_for(request.endpoint, **args)


@bp.app_template_filter("datetime")
def format_datetime(value: dt.datetime | None) -> str:
    """A stored (UTC) timestamp in Beijing time."""
    if value is None:
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def parse_list_filters() -> queries.ListFilters:
    """Filters from the query string; a bad value is a 400 page naming the parameter."""
    try:
        return queries.parse_filters(request.args)
    except ValidationFailed as exc:
        details = "；".join(f"{name}（{'，'.join(msgs)}）" for name, msgs in exc.fields.items())
        raise DomainError(f"筛选参数无效：{details}", exc.fields) from exc


def filter_choices() -> dict:
    return {"regions": region_choices(), "sorts": [("newest", "最新发布"), ("oldest", "最早发布"),
                                                  ("title", "按标题")]}


@bp.get(PLURAL_RULE)
def listing(plural: str):
    item_type = item_type_of(plural)
    model = MODELS[item_type]
    filters = parse_list_filters()
    stmt = queries.public_query(model, filters, today()).options(selectinload(model.owner_org))
    page = db.paginate(stmt, page=request.args.get("page", 1, type=int),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("catalog/list.html", item_type=item_type, plural=plural, page=page,
                           filters=filters, choices=filter_choices(),
                           demo_note=shows_demo(page.items))


@bp.get(PLURAL_RULE + "/<int:item_id>")
def detail(plural: str, item_id: int):
    return render_detail(load_visible(plural, item_id))


# Sibling modules add their routes to ``bp``.
from matchhub.catalog import action_views, edit_views, review_views  # noqa: E402,F401
