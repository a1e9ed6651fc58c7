"""Zone pages. ``bp`` ("zones"): the province and zone dashboards, exports, and the
programme workflow; ``entries_bp`` ("zone_entries"): the entry pages. Route modules
declare their routes in a RouteTable, registered here."""

from decimal import Decimal

from flask import Blueprint

from matchhub.core.regions import zones
from matchhub.zones.statistics.registry_stats import REGISTRY_INDICATORS
from matchhub.zones.views import (
    dashboards,
    entries,
    exports,
    official,
    programme,
    registry,
    report_writing,
    review,
)

bp = Blueprint("zones", __name__, url_prefix="/zones")
entries_bp = Blueprint("zone_entries", __name__, url_prefix="/zones")


def _decimal(value) -> Decimal:
    """Stored report values are decimal strings; the money filter wants a Decimal."""
    return Decimal(str(value))


bp.add_app_template_filter(_decimal, "decimal")
bp.add_app_template_global(frozenset(REGISTRY_INDICATORS), "registry_indicator_keys")
bp.add_app_template_global(frozenset(zones()), "zones_by_code")
for module in (dashboards, exports, official, programme, registry, report_writing):
    module.routes.register(bp)
entries.routes.register(entries_bp)
review.routes.register(entries_bp)
