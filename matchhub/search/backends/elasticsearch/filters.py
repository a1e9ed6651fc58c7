"""Neutral filters, sorts and facets as Elasticsearch ``bool.filter`` clauses, sorts and
aggregations. Values are converted to index units (cents, ordinal days, 0/1) first."""

from typing import Any

from matchhub.search.backends.elasticsearch.source import es_value
from matchhub.search.core.fields import FilterKind, filter_value_for_index
from matchhub.search.core.query import AnyOf, Filter, Range, SearchQuery, Term
from matchhub.search.core.registry import filter_kinds

SORT_FIELDS = {  # sort name -> (field, order)
    "newest": ("published", "desc"),
    "price_asc": ("price", "asc"),
    "price_desc": ("price", "desc"),
    "end_date": ("end_date", "asc"),
}
FACET_SIZE = 50


def _kind(name: str) -> FilterKind:
    if name == "item_type":
        return "keyword"
    if name not in filter_kinds():
        raise ValueError(f"unknown filter field {name!r}")
    return filter_kinds()[name]


def indexed_value(name: str, value: Any) -> Any:
    kind = _kind(name)
    return es_value(kind, filter_value_for_index(kind, value))


def _range(flt: Range) -> dict[str, Any]:
    bounds = {op: indexed_value(flt.name, value)
              for op, value in (("gte", flt.lower), ("lte", flt.upper)) if value is not None}
    return {"range": {flt.name: bounds}} if bounds else {"match_all": {}}


def filter_clause(flt: Filter) -> dict[str, Any]:
    if isinstance(flt, Term):
        return {"term": {flt.name: indexed_value(flt.name, flt.value)}}
    if isinstance(flt, AnyOf):
        if not flt.values:
            return {"match_none": {}}
        return {"terms": {flt.name: [indexed_value(flt.name, v) for v in flt.values]}}
    if isinstance(flt, Range):
        return _range(flt)
    raise TypeError(f"unknown filter {flt!r}")


def filter_clauses(query: SearchQuery) -> list[dict[str, Any]]:
    """The item types and every filter, as clauses for ``bool.filter`` (scoreless)."""
    wanted = [AnyOf("item_type", tuple(query.item_types)), *query.filters]
    return [filter_clause(flt) for flt in wanted]


def sort_clause(query: SearchQuery) -> list[dict[str, Any]] | None:
    """None to rank by score; browsing without text is newest first. Ties by key."""
    name = query.sort
    if name == "relevance":
        if not query.text.empty:
            return None
        name = "newest"
    field, order = SORT_FIELDS[name]
    return [{field: {"order": order}}, {"key": {"order": "asc"}}]


def facet_aggs(names: tuple[str, ...]) -> dict[str, Any]:
    return {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in names}
