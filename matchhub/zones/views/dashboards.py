"""The province dashboard (/zones) and a zone's dashboard (/zones/<code>): aggregates
for every signed-in user, never contract details."""

from flask import render_template
from flask_login import login_required

from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.core.route_table import RouteTable
from matchhub.zones import services
from matchhub.zones.official.periods import CALIBERS, PERIODS
from matchhub.zones.programme.status import PROGRAMME_STATUSES
from matchhub.zones.views.common import ZONE_RULE, known_zone, requested_year, year_choices

routes = RouteTable()


@routes.get("")
@login_required
def province():
    year = requested_year()
    board = services.province_dashboard(db.session, year, today())
    return render_template("zones/province.html", board=board, years=year_choices(year),
                           statuses=PROGRAMME_STATUSES, **_official(board.code, year))


@routes.get(ZONE_RULE)
@login_required
def zone(code: str):
    year = requested_year()
    board = services.zone_dashboard(db.session, known_zone(code), year, today())
    return render_template("zones/zone.html", board=board, years=year_choices(year),
                           statuses=PROGRAMME_STATUSES, **_official(code, year))


def _official(code: str, year: int) -> dict:
    """The published figures of the year beside the computed ones."""
    return {"official": services.official_comparisons(db.session, code, year),
            "official_periods": PERIODS, "official_calibers": CALIBERS}
