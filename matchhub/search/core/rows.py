"""What every search consumer shares: the filters that keep hits public, and the hits'
rows reloaded from the database (the source of truth) by their registered spec."""

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, lazyload

from matchhub.search.core.query import Filter, Range, Term
from matchhub.search.core.registry import specs


def public_filters(today: dt.date) -> list[Filter]:
    """What makes an indexed item public right now (drafts are never indexed at all)."""
    return [Term("status", "published"), Range("end_date", lower=today)]


def load_rows(session: Session, item_type: str, ids: list[int]) -> dict[int, Any]:
    """The hits' rows with what a result shows: their organisation, not the collections
    (transfer modes, IP records) a detail page loads eagerly."""
    model = specs()[item_type].model
    stmt = select(model).where(model.id.in_(ids)).options(lazyload("*"))
    if hasattr(model, "owner_org"):  # each hit's document names its organisation
        stmt = stmt.options(joinedload(model.owner_org))  # in the same query
    return {row.id: row for row in session.scalars(stmt)}
