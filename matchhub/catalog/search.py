"""What of achievements and needs is searchable, filterable and suggested."""

import datetime as dt

from sqlalchemy import select

from matchhub.catalog.models import Achievement, Need
from matchhub.catalog.workflow import effective_status
from matchhub.search.core import registry
from matchhub.search.core.fields import AutocompleteField, FilterField, IndexSpec, SearchField


def _is_public(item, today: dt.date) -> bool:
    return effective_status(item, today) == "published"


def _keywords(item) -> str:
    return " ".join(item.keywords or [])


def _org_name(item) -> str:
    return item.owner_org.name if item.owner_org else ""


def _common_filters(end_date) -> tuple[FilterField, ...]:
    return (
        FilterField("field", "keyword", lambda i: i.field, facet=True),
        FilterField("region", "keyword", lambda i: i.region_code, facet=True),
        FilterField("province", "keyword", lambda i: i.region_code[:2] + "0000"),
        FilterField("status", "keyword", lambda i: i.status),
        FilterField("modes", "keyword", lambda i: i.modes, multi=True, facet=True),
        FilterField("end_date", "date", end_date),
        FilterField("published", "date", lambda i: i.published_at),
    )


def _listings_of(model):
    """A listing's document carries its organisation's name: it follows the organisation."""
    return {"organisation": lambda org_ids: select(model.id).where(
        model.owner_org_id.in_(org_ids))}


def _suggestions(item) -> list[str]:
    return [item.title, *(item.keywords or []), _org_name(item)]


ACHIEVEMENT_INDEX = IndexSpec(
    item_type="achievement",
    model=Achievement,
    search_fields=(
        SearchField("title", 3.0, lambda i: i.title),
        SearchField("keywords", 2.0, _keywords),
        SearchField("body", 1.0, lambda i: i.summary),
        SearchField("org", 1.0, _org_name),
    ),
    filter_fields=(
        *_common_filters(lambda i: i.valid_until),
        FilterField("trl", "int", lambda i: i.trl, facet=True),
        FilterField("price", "money", lambda i: i.asking_price),
        FilterField("price_negotiable", "bool", lambda i: i.price_negotiable),
    ),
    autocomplete=(AutocompleteField("suggest", _suggestions),),
    is_public=_is_public,
    status=effective_status,
    follows=_listings_of(Achievement),
)

NEED_INDEX = IndexSpec(
    item_type="need",
    model=Need,
    search_fields=(
        SearchField("title", 3.0, lambda i: i.title),
        SearchField("keywords", 2.0, _keywords),
        SearchField("body", 1.0, lambda i: i.description),
        SearchField("org", 1.0, _org_name),
    ),
    filter_fields=(
        *_common_filters(lambda i: i.deadline),
        FilterField("trl", "int", lambda i: i.required_trl, facet=True),
        # A need's price filter is its budget ceiling (or floor when only that is given).
        FilterField("price", "money", lambda i: i.budget_max if i.budget_max is not None
                    else i.budget_min),
        FilterField("price_negotiable", "bool", lambda i: i.budget_negotiable),
    ),
    autocomplete=(AutocompleteField("suggest", _suggestions),),
    is_public=_is_public,
    status=effective_status,
    follows=_listings_of(Need),
)


def register() -> None:
    """Tell search about these kinds (code that builds indexes without create_app)."""
    registry.register(ACHIEVEMENT_INDEX, NEED_INDEX)
