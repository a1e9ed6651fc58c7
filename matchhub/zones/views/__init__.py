"""Zone pages. ``bp`` ("zones"): the province and zone dashboards, exports, and the
programme workflow; ``entries_bp`` ("zone_entries"): the entry pages. Route modules
declare their routes in a RouteTable, registered here."""

from decimal import Decimal

from flask import Blueprint

from matchhub.zones.views import dashboards, entries, exports, official, programme

bp = Blueprint("zones", __name__, url_prefix="/zones")
entries_bp = Blueprint("zone_entries", __name__, url_prefix="/zones")


def _decimal(value) -> Decimal:
    """Stored report values are decimal strings; the money filter wants a Decimal."""
    return Decimal(str(value))


bp.add_app_template_filter(_decimal, "decimal")
for module in (dashboards, exports, official, programme):
    module.routes.register(bp)
entries.routes.register(entries_bp)
