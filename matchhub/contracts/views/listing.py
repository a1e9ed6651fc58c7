"""The contract registry's list and detail pages, and who may use the registry's pages."""

from flask import abort, current_app, render_template, request
from flask_login import current_user, login_required

from matchhub.contracts import access, labels, queries, services
from matchhub.contracts.views.detail_page import render_detail
from matchhub.contracts.vocabulary import type_vocabulary
from matchhub.core.args import page_arg
from matchhub.core.current_user import me
from matchhub.core.errors import DomainError, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.regions import zones
from matchhub.core.route_table import RouteTable
from matchhub.core.vocabularies import vocabulary

routes = RouteTable()


@routes.app_template_global("can_use_contracts")
def current_user_can_use_contracts() -> bool:
    """The registry's pages (and the nav link) are for the roles that register contracts."""
    return access.can_register(current_user)


def require_registry_user():
    """The signed-in user if their role uses the registry; 403 otherwise."""
    if not access.can_register(current_user):
        abort(403)
    return me()


def _filters() -> queries.ContractFilters:
    """Filters from the query string; a bad value is a 400 page naming the parameter."""
    try:
        return queries.parse_filters(request.args)
    except ValidationFailed as exc:
        details = "；".join(f"{name}（{'，'.join(msgs)}）" for name, msgs in exc.fields.items())
        raise DomainError(f"筛选参数无效：{details}", exc.fields) from exc


def _choices() -> dict:
    return {"zones": [(z.code, z.name) for z in zones().values()],
            "types": type_vocabulary().choices(), "fields": vocabulary("tech_fields").choices()}


@routes.get("/")
@login_required
def listing():
    user = require_registry_user()
    filters = _filters()
    page = db.paginate(queries.visible_query(user, filters),
                       page=page_arg(),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("contracts/list.html", page=page, filters=filters,
                           choices=_choices(), labels=labels,
                           can_import=access.can_import(user))


@routes.get("/<int:contract_id>")
@login_required
def detail(contract_id: int):
    return render_detail(services.find_visible(db.session, me(), contract_id))

