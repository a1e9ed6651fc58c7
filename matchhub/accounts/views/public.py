"""Public profile pages of organisations and brokers (the 机构 and 经纪人 search tabs)."""

from flask import abort, render_template
from sqlalchemy.orm import selectinload

from matchhub.accounts.models import BrokerProfile, Organisation
from matchhub.accounts.search import LISTED_KINDS
from matchhub.cases.stats import broker_stats, institution_stats
from matchhub.catalog import queries
from matchhub.catalog.models import Achievement, Need
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable

routes = RouteTable()
LATEST = 10


def _published(model, org_id: int):
    filters = queries.ListFilters(org_id=org_id)
    stmt = queries.public_query(model, filters, today()).options(selectinload(model.owner_org))
    return db.paginate(stmt, page=1, per_page=LATEST, error_out=False)


@routes.get("/organisations/<int:org_id>")
def organisation_page(org_id: int):
    org = db.get_or_404(Organisation, org_id)
    if org.kind not in LISTED_KINDS:
        abort(404)
    brokers = db.session.scalars(db.select(BrokerProfile).where(
        BrokerProfile.institution_org_id == org.id)).all()
    return render_template("accounts/organisation.html", org=org, brokers=brokers,
                           achievements=_published(Achievement, org.id),
                           needs=_published(Need, org.id),
                           case_stats=institution_stats(db.session, org.id) if brokers else None)


@routes.get("/brokers/<int:profile_id>")
def broker_page(profile_id: int):
    profile = db.get_or_404(BrokerProfile, profile_id)
    if not profile.user.active:
        abort(404)
    return render_template("accounts/broker.html", profile=profile,
                           case_stats=broker_stats(db.session, profile.user_id))
