"""The catalogue's Jinja helpers, app-wide: a listing's status as people see it, item URLs,
the current user's rights, page links and timestamps in Beijing time. Globals rather than
context values, so imported macros see them too."""


from flask import request, url_for
from flask_login import current_user

from matchhub.catalog.access import can_create, can_review_anything
from matchhub.catalog.views.support import item_url
from matchhub.catalog.workflow import effective_status
from matchhub.core.route_table import RouteTable
from matchhub.core.vocabularies import vocabulary

routes = RouteTable()

routes.app_template_global("item_url")(item_url)
routes.app_template_global("can_review_anything")(can_review_anything)
routes.app_template_global("effective_status")(effective_status)


@routes.app_template_filter("status")
def status_label(item) -> str:
    return vocabulary("listing_statuses").label(effective_status(item))


@routes.app_template_global("can_create")
def current_user_can_create(item_type: str) -> bool:
    return can_create(current_user, item_type)


@routes.app_template_global("page_url")
def page_url(number: int, arg: str = "page") -> str:
    """This page's URL with another page number; keeps the filters, never url_for's options."""
    args = {k: v for k, v in request.args.items() if not k.startswith("_")}
    args.update(request.view_args or {})
    args[arg] = number
    return url_for(request.endpoint, **args)
