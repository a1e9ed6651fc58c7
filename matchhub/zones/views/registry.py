"""The entries indicators 3-5 counted (/zones/registry/<indicator>, the province, grouped by
zone; /zones/<code>/registry/<indicator>, one zone), as of the requested year's end (or
today for the current year): each count on the dashboards links here."""

import datetime as dt

from flask import render_template
from flask_login import login_required

from matchhub.core.clock import today
from matchhub.core.errors import NotFound
from matchhub.core.extensions import db
from matchhub.core.regions import home_province, zones
from matchhub.core.route_table import RouteTable
from matchhub.zones.indicators import indicators
from matchhub.zones.statistics.registry_stats import (
    PROVINCE,
    REGISTRY_INDICATORS,
    entries_of,
    registry_entries,
)
from matchhub.zones.views.common import ZONE_RULE, known_zone, requested_year

routes = RouteTable()
INDICATOR_RULE = "/registry/<string(maxlength=40):indicator>"


def _indicator(code: str):
    if code not in REGISTRY_INDICATORS:
        raise NotFound("该指标不按平台登记统计")
    return indicators()[code]


def _groups(entries, scope: str) -> list[tuple[str, list]]:
    """(heading, entries) per zone, then those in no zone; one group for a zone."""
    if scope != PROVINCE:
        return [(zones()[scope].name, entries_of(entries, scope))]
    groups = [(zone.name, entries_of(entries, code)) for code, zone in zones().items()]
    return [*groups, ("不属于任何示范区", entries_of(entries, ""))]


def _render(indicator_code: str, scope: str):
    indicator, year = _indicator(indicator_code), requested_year()
    as_of = min(dt.date(year, 12, 31), today())
    entries = entries_of(registry_entries(db.session, indicator_code, as_of), scope)
    name = home_province().name if scope == PROVINCE else zones()[scope].name
    return render_template("zones/registry.html", indicator=indicator, year=year,
                           as_of=as_of, scope=scope, scope_name=name, total=len(entries),
                           groups=_groups(entries, scope))


@routes.get(INDICATOR_RULE)
@login_required
def registry_province(indicator: str):
    return _render(indicator, PROVINCE)


@routes.get(ZONE_RULE + INDICATOR_RULE)
@login_required
def registry_zone(code: str, indicator: str):
    return _render(indicator, known_zone(code))
