"""Totals and change versions of the public lists, read from ``listing_counters``.

The database keeps the counters (catalog/counter_triggers.py). A public list's total is
the published count less the published items already past their end date (the daily
expiry job has not run yet): a short range of the status-and-end index instead of a COUNT
over every published row.
"""

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchhub.catalog.models import ListingCounter
from matchhub.catalog.queries import ListFilters, Model, end_column


def list_version(session: Session, item_type: str) -> int:
    """A number that changes whenever anything shown in ``item_type``'s lists changes."""
    return session.scalar(select(ListingCounter.version).where(
        ListingCounter.item_type == item_type)) or 0


def is_unfiltered(filters: ListFilters) -> bool:
    """Whether a list shows every public item (the order does not change the total)."""
    return filters == ListFilters(sort=filters.sort)


def public_total(session: Session, item_type: str, model: Model, today: dt.date) -> int:
    published = session.scalar(select(ListingCounter.published).where(
        ListingCounter.item_type == item_type)) or 0
    lapsed = session.scalar(select(func.count()).select_from(model).where(
        model.status == "published", end_column(model) < today))
    return published - lapsed
