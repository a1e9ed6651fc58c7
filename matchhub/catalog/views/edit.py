"""Create, edit and delete achievements and needs through the web forms."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from matchhub.catalog import services
from matchhub.catalog.access import can_create
from matchhub.catalog.forms import FORMS, AchievementForm, form_values
from matchhub.catalog.inputs import CLEANERS
from matchhub.catalog.views.support import (
    PLURAL_RULE,
    item_type_of,
    item_url,
    listing_settings,
    load_visible,
)
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.route_table import RouteTable

routes = RouteTable()
TEMPLATES = {"achievement": "catalog/achievement_form.html", "need": "catalog/need_form.html"}


def _ip_aliases(form) -> dict[str, str]:
    """Service keys count only the filled IP rows; map them back to the form's rows."""
    if not isinstance(form, AchievementForm):
        return {}
    aliases = {}
    for position, (row, _) in enumerate(form.ip_rows()):
        for sub in ("ip_type", "number", "title"):
            aliases[f"ip_records[{position}].{sub}"] = f"ip_records[{row}].{sub}"
    return aliases


def _render_form(form, item_type: str, item, status: int = 200, problems=()):
    body = render_template(TEMPLATES[item_type], form=form, item_type=item_type, item=item,
                           problems=list(problems))
    return body, status


def _write(form, item_type: str, item):
    """Create or update the draft, then submit it when asked to."""
    data = form.listing_data()
    if item is None:
        item = services.create_listing(db.session, me(), item_type, data, **listing_settings())
    else:
        services.update_listing(db.session, me(), item, data, **listing_settings())
    if form.save_submit.data:
        services.transition(db.session, me(), item, "submit", today())
    return item


def _domain_problems(form, item_type: str) -> list[str]:
    """When the form itself fails, also show the domain rules' messages in the same round."""
    try:
        CLEANERS[item_type](form.listing_data(), **listing_settings())
    except ValidationFailed as exc:
        return apply_errors(form, exc.fields, _ip_aliases(form), fill_only=True)
    return []


def _save(form, item_type: str, item):
    if not form.validate_on_submit():
        if not form.is_submitted():
            return _render_form(form, item_type, item)
        return _render_form(form, item_type, item, 422, _domain_problems(form, item_type))
    try:
        saved = _write(form, item_type, item)
    except ValidationFailed as exc:
        db.session.rollback()
        problems = apply_errors(form, exc.fields, _ip_aliases(form))
        return _render_form(form, item_type, item, 422, problems)
    db.session.commit()
    flash("已保存并提交审核" if form.save_submit.data else "草稿已保存", "success")
    return redirect(item_url(saved))


@routes.route(PLURAL_RULE + "/new", methods=["GET", "POST"])
@login_required
def create(plural: str):
    item_type = item_type_of(plural)
    if not can_create(current_user, item_type):
        abort(403)
    form = FORMS[item_type]()
    if request.method == "GET":
        _prefill(form, current_user)
    return _save(form, item_type, None)


def _prefill(form, user) -> None:
    """A new listing starts with what the platform knows: the organisation's region and the
    author's own contact details (the author may change them before saving)."""
    form.region_code.data = user.organisation.region_code
    form.contact_name.data = user.display_name
    form.contact_phone.data = user.phone or ""
    form.contact_email.data = user.email


@routes.route(PLURAL_RULE + "/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit(plural: str, item_id: int):
    item = load_visible(plural, item_id)
    services.require(db.session, me(), "edit", item, today())
    form_class = FORMS[item.item_type]
    if request.method == "GET":
        form = form_class(data=form_values(services.current_values(item)))
    else:
        form = form_class()
    return _save(form, item.item_type, item)


@routes.post(PLURAL_RULE + "/<int:item_id>/delete")
@login_required
def delete(plural: str, item_id: int):
    item = load_visible(plural, item_id)
    services.delete_listing(db.session, me(), item, today())
    db.session.commit()
    flash("草稿已删除", "info")
    return redirect(url_for("catalog.mine"))
