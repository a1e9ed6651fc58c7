"""The platform's clock: today's date and the current time in one configured time zone.

``TIME_ZONE`` (default Asia/Shanghai) decides what "today" is for listings, deadlines
and reports, whatever the host's own zone is. Outside an app context the default zone
applies, so command-line helpers and tests get the same answer as the app.
"""

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIME_ZONE = "Asia/Shanghai"


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def zone() -> ZoneInfo:
    """The configured time zone."""
    name = current_app.config.get("TIME_ZONE") if has_app_context() else None
    return _zone(name or DEFAULT_TIME_ZONE)


def now() -> dt.datetime:
    """The current time, aware, in the configured zone."""
    return dt.datetime.now(zone())


def today() -> dt.date:
    """Today's date in the configured zone."""
    return now().date()
