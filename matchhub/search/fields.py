"""Index field declarations, made once per searchable model (after Wagtail's index fields).

Each searchable kind declares an ``IndexSpec``: the text fields people search (with
boosts), the filter fields that narrow and facet results, and the autocomplete sources.
Backends derive their schemas (the tantivy schema, the Elasticsearch mapping) from these.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

FilterKind = Literal["keyword", "int", "money", "date", "bool"]


@dataclass(frozen=True)
class SearchField:
    name: str
    boost: float
    source: Callable[[Any], str]


@dataclass(frozen=True)
class FilterField:
    name: str
    kind: FilterKind
    source: Callable[[Any], Any]
    multi: bool = False
    facet: bool = False


@dataclass(frozen=True)
class AutocompleteField:
    name: str
    source: Callable[[Any], list[str]]


@dataclass(frozen=True)
class IndexSpec:
    item_type: str
    model: type
    search_fields: tuple[SearchField, ...]
    filter_fields: tuple[FilterField, ...]
    autocomplete: tuple[AutocompleteField, ...]
    # Whether a row belongs in the public index at all (drafts never do).
    is_public: Callable[[Any, dt.date], bool]


# Every search field name used by any spec, in one place, so backends build one schema.
SEARCH_FIELD_NAMES = ("title", "keywords", "body", "org")
FILTER_FIELDS: dict[str, FilterKind] = {
    "field": "keyword", "region": "keyword", "province": "keyword", "status": "keyword",
    "modes": "keyword", "org_kind": "keyword", "trl": "int", "price": "money",
    "price_negotiable": "bool", "end_date": "date", "published": "date",
}


def filter_value_for_index(kind: FilterKind, value: Any) -> Any:
    """Filter values as the indexes store them: money in cents, dates as ordinal days."""
    if value is None:
        return None
    if kind == "money":
        return int((Decimal(value) * 100).to_integral_value())
    if kind == "date":
        return (value.date() if isinstance(value, dt.datetime) else value).toordinal()
    if kind == "int":
        return int(value)
    return value
