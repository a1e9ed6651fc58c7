"""Build and render an achievement's or need's detail page for the current user."""

from flask import render_template

from matchhub.catalog import detail_access, services
from matchhub.catalog.forms import AccessRequestForm, RejectForm, RenewForm
from matchhub.catalog.views.support import permitted, shows_demo
from matchhub.core.current_user import me
from matchhub.core.extensions import db
from matchhub.matching.page import match_context

TEMPLATES = {"achievement": "catalog/achievement_detail.html", "need": "catalog/need_detail.html"}


def _blank_forms() -> dict:
    return {"reject_form": RejectForm(formdata=None), "renew_form": RenewForm(formdata=None),
            "access_form": AccessRequestForm(formdata=None)}


def _access_context(item, can: dict[str, bool]) -> dict:
    """Access requests for owners; the visitor's own request for everyone else."""
    if item.item_type != "achievement":
        return {"access_requests": [], "my_access": None}
    user = me()
    requests = detail_access.requests_for(db.session, item) if can["manage_detail_access"] else []
    mine = detail_access.find_access(db.session, item, user) if user else None
    return {"access_requests": requests, "my_access": mine}


def render_detail(item, status: int = 200, **forms):
    """The page, with any submitted form (carrying its errors) in place of the blank one."""
    can = permitted(item)
    history = services.history(db.session, item) if can["view_history"] else []
    context = {**_blank_forms(), **match_context(item), **forms, **_access_context(item, can)}
    body = render_template(TEMPLATES[item.item_type], item=item, can=can, history=history,
                           demo_note=shows_demo([item]), **context)
    return body, status
