"""The province dashboard (/zones) and a zone's dashboard (/zones/<code>) for one period
(?year=, with ?half=, ?quarter= or ?to=; the latest complete year by default). The full
dashboards are for the zone's officials and the province (``access``); everyone else,
anonymous visitors included, gets the public summary. Never contract details."""

from flask import render_template
from flask_login import current_user

from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.zones import services
from matchhub.zones.access import can_see_province_figures, can_see_zone_figures
from matchhub.zones.official.periods import CALIBERS, PERIODS
from matchhub.zones.programme.status import PROGRAMME_STATUSES
from matchhub.zones.views.common import (
    ZONE_RULE,
    known_zone,
    period_choices,
    requested_period,
    year_choices,
    year_to_date_url,
)

routes = RouteTable()


def _switch(period) -> dict:
    return {"years": year_choices(period.year), "periods": period_choices(period),
            "ytd": year_to_date_url(), "period": period}


@routes.get("")
def province():
    period = requested_period()
    if not can_see_province_figures(current_user):
        summary = services.province_summary(db.session, period, today())
        return render_template("zones/public_province.html", summary=summary,
                               switch=_switch(period))
    board = services.province_dashboard(db.session, period, today())
    return render_template("zones/province.html", board=board, switch=_switch(period),
                           statuses=PROGRAMME_STATUSES, **_official(board.code, period.year))


@routes.get(ZONE_RULE)
def zone(code: str):
    period = requested_period()
    known_zone(code)
    if not can_see_zone_figures(current_user, code):
        summary = services.zone_summary(db.session, code, period, today())
        return render_template("zones/public_zone.html", summary=summary,
                               switch=_switch(period))
    board = services.zone_dashboard(db.session, code, period, today())
    return render_template("zones/zone.html", board=board, switch=_switch(period),
                           statuses=PROGRAMME_STATUSES, **_official(code, period.year))


def _official(code: str, year: int) -> dict:
    """The published figures of the year beside the computed ones."""
    return {"official": services.official_comparisons(db.session, code, year),
            "official_periods": PERIODS, "official_calibers": CALIBERS}
