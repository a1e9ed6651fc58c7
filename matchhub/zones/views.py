"""Zone pages: the province and zone dashboards, exports, and the programme workflow.
The sibling modules imported at the bottom register their routes on ``bp``."""

from decimal import Decimal

from flask import Blueprint, request

from matchhub.core.clock import today
from matchhub.core.errors import DomainError, NotFound
from matchhub.core.regions import zones

bp = Blueprint("zones", __name__, url_prefix="/zones")
ZONE_RULE = "/<string(length=6):code>"
MIN_YEAR, MAX_YEAR = 2000, 2100

# Stored report values are decimal strings; the money filter wants a Decimal.
bp.add_app_template_filter(lambda value: Decimal(str(value)), "decimal")


def requested_year() -> int:
    """?year=, this year by default; a bad value is a 400 page."""
    raw = request.args.get("year", "")
    if not raw:
        return today().year
    if not raw.isdigit() or not MIN_YEAR <= int(raw) <= MAX_YEAR:
        raise DomainError(f"年份参数无效：应为 {MIN_YEAR}-{MAX_YEAR} 之间的年份")
    return int(raw)


def known_zone(code: str) -> str:
    if code not in zones():
        raise NotFound("未知的示范区")
    return code


def year_choices(year: int) -> list[int]:
    """The years the dashboards offer: the last ten and the requested one."""
    latest = today().year
    return sorted({*range(latest - 9, latest + 1), year}, reverse=True)


from matchhub.zones import dashboard_views, export_views, programme_views  # noqa: E402,F401
