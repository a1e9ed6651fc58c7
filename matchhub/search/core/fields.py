"""Index field declarations, made once per searchable model (after Wagtail's index fields).

Each searchable kind declares an ``IndexSpec`` in its feature's ``search.py``: the text
fields people search (with boosts), the filter fields that narrow and facet results (with
their kinds), and the autocomplete sources. Features register their specs
(matchhub.search.core.registry); backends derive their schemas (the tantivy schema, the
Elasticsearch mapping), the field weights and the filter kinds from them.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

FilterKind = Literal["keyword", "int", "money", "date", "bool"]


@dataclass(frozen=True)
class SearchField:
    name: str
    # The field's weight in ranking: the embedded backend indexes its tokens this many
    # times (so a whole number), Elasticsearch boosts the field by it.
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
    # The row's status on a day, as ``indexer verify`` counts rows; None: listed or not.
    status: Callable[[Any, dt.date], str] | None = None
    # Other kinds whose changes this kind's documents carry (a listing shows its
    # organisation's name): item type -> a query of this kind's ids, given theirs.
    follows: dict[str, Callable[[list[int]], Any]] = field(default_factory=dict)



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
