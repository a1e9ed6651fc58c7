"""Build and render an achievement's or need's detail page for the current user."""

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, render_template

from matchhub.catalog import detail_access, services
from matchhub.catalog.forms import AccessRequestForm, RejectForm, RenewForm
from matchhub.catalog.views.support import permitted, shows_demo
from matchhub.core.current_user import me
from matchhub.core.extensions import db

TEMPLATES = {"achievement": "catalog/achievement_detail.html", "need": "catalog/need_detail.html"}
# Parts of the page that other packages own (matching's 「匹配推荐」) give their template
# context through providers their init_app adds, so the catalogue imports none of them.
PANELS = "matchhub.catalog.detail_panels"


def add_panel(app: Flask, provider: Callable[[Any], dict]) -> None:
    """Add a provider of template context for a part of every detail page."""
    app.extensions.setdefault(PANELS, []).append(provider)


def _panels(item) -> dict:
    return {key: value for provider in current_app.extensions.get(PANELS, ())
            for key, value in provider(item).items()}


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
    context = {**_blank_forms(), **_panels(item), **forms, **_access_context(item, can)}
    body = render_template(TEMPLATES[item.item_type], item=item, can=can, history=history,
                           demo_note=shows_demo([item]), **context)
    return body, status
