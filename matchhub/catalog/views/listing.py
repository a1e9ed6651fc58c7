"""Public lists and detail pages of achievements and needs."""

from flask import current_app, render_template, request
from sqlalchemy.orm import selectinload

from matchhub.catalog import queries
from matchhub.catalog.services import MODELS
from matchhub.catalog.views.detail_page import render_detail
from matchhub.catalog.views.support import PLURAL_RULE, item_type_of, load_visible, shows_demo
from matchhub.core.args import page_arg
from matchhub.core.clock import today
from matchhub.core.errors import DomainError, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.regions import region_choices
from matchhub.core.route_table import RouteTable

routes = RouteTable()


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


@routes.get(PLURAL_RULE)
def listing(plural: str):
    item_type = item_type_of(plural)
    model = MODELS[item_type]
    filters = parse_list_filters()
    stmt = queries.public_query(model, filters, today()).options(selectinload(model.owner_org))
    page = db.paginate(stmt, page=page_arg(),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("catalog/list.html", item_type=item_type, plural=plural, page=page,
                           filters=filters, choices=filter_choices(),
                           demo_note=shows_demo(page.items))


@routes.get(PLURAL_RULE + "/<int:item_id>")
def detail(plural: str, item_id: int):
    return render_detail(load_visible(plural, item_id))
