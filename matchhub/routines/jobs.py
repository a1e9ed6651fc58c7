"""The daily routines, each a function of the session and the local day that returns a
summary line. They run inside a request context under PUBLIC_URL (links in
notifications and emails are built with ``url_for``)."""

import datetime as dt
from collections.abc import Callable

from flask import current_app
from sqlalchemy.orm import Session

from matchhub.cases.routing import route_new_needs
from matchhub.catalog.services import expire_due
from matchhub.core.db_types import utcnow
from matchhub.notifications.daily import run_daily

ROUTE_LIMIT = 500


def expire(session: Session, on: dt.date) -> str:
    return f"expired {expire_due(session, on)} listings"


def notify(session: Session, on: dt.date) -> str:
    return run_daily(session, current_app.config, on, utcnow())


def route(session: Session, on: dt.date) -> str:
    routed, unmatched = route_new_needs(session, on, ROUTE_LIMIT)
    return f"routed {routed} needs, {unmatched} without a broker"


# In this order: expiry first, so reminders and routing see today's statuses.
DAILY: dict[str, Callable[[Session, dt.date], str]] = {
    "expire": expire,
    "route": route,
    "notify": notify,
}
