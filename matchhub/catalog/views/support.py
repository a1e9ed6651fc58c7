"""Small helpers the catalog pages share: the current user, loading items, redirects."""

from collections.abc import Iterable

from flask import abort, current_app, redirect, request, url_for

from matchhub.catalog import services
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.extensions import db
from matchhub.core.forms import safe_next

PLURALS = {"achievements": "achievement", "needs": "need"}
PLURAL_RULE = "/<any(achievements, needs):plural>"
ITEM_ACTIONS = ("edit", "delete", "submit", "approve", "reject", "withdraw", "renew",
                "view_detail", "view_history", "manage_detail_access", "request_detail")


def listing_settings() -> dict:
    return {"today": today(), "default_validity": current_app.config["LISTING_VALIDITY_DAYS"]}


def item_type_of(plural: str) -> str:
    return PLURALS[plural]


def item_url(item, endpoint: str = "catalog.detail", **values) -> str:
    return url_for(endpoint, plural=f"{item.item_type}s", item_id=item.id, **values)


def load_visible(plural: str, item_id: int):
    """The item if the current user may see it; 404 otherwise, so drafts do not leak."""
    item = services.find_visible(db.session, me(), item_type_of(plural), item_id, today())
    if item is None:
        abort(404)
    return item


def permitted(item) -> dict[str, bool]:
    """Which actions the current user may take on the item, from the permission matrix."""
    user, on = me(), today()
    return {action: services.allowed(db.session, user, action, item, on)
            for action in ITEM_ACTIONS}


def redirect_back(item):
    """To a safe ``next`` from the form, else the item's page."""
    return redirect(safe_next(request.form.get("next")) or item_url(item))


def shows_demo(*groups: Iterable) -> bool:
    """True when demo achievements (CSL-derived) are on the page, for the footer credit."""
    return any(getattr(item, "is_demo", False) and item.item_type == "achievement"
               for group in groups for item in group)
