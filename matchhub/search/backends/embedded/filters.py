"""Neutral filters, sorts and facets as tantivy queries and aggregations."""

import tantivy

from matchhub.search.backends.embedded.schema import NUMERIC_KINDS
from matchhub.search.core.fields import filter_value_for_index
from matchhub.search.core.query import AnyOf, Filter, Range, Term
from matchhub.search.core.registry import filter_kinds

SORT_FIELDS = {  # sort name -> (fast field, order)
    "newest": ("published", tantivy.Order.Desc),
    "price_asc": ("price", tantivy.Order.Asc),
    "price_desc": ("price", tantivy.Order.Desc),
    "end_date": ("end_date", tantivy.Order.Asc),
}
FACET_SIZE = 50


def _kind(name: str) -> str:
    return "keyword" if name == "item_type" else filter_kinds()[name]


def _equals(schema: tantivy.Schema, name: str, value) -> tantivy.Query:
    kind = _kind(name)
    if kind in NUMERIC_KINDS:
        stored = filter_value_for_index(kind, value)
        return tantivy.Query.range_query(schema, name, tantivy.FieldType.Integer, stored, stored)
    return tantivy.Query.term_query(schema, name, str(value))


def _range(schema: tantivy.Schema, flt: Range) -> tantivy.Query:
    kind = _kind(flt.name)
    lower = filter_value_for_index(kind, flt.lower)
    upper = filter_value_for_index(kind, flt.upper)
    return tantivy.Query.range_query(schema, flt.name, tantivy.FieldType.Integer, lower, upper)


def filter_query(schema: tantivy.Schema, flt: Filter) -> tantivy.Query:
    if isinstance(flt, Term):
        return _equals(schema, flt.name, flt.value)
    if isinstance(flt, AnyOf):
        options = [(tantivy.Occur.Should, _equals(schema, flt.name, v)) for v in flt.values]
        return tantivy.Query.boolean_query(options) if options else tantivy.Query.empty_query()
    if isinstance(flt, Range):
        if flt.lower is None and flt.upper is None:
            return tantivy.Query.all_query()
        return _range(schema, flt)
    raise TypeError(f"unknown filter {flt!r}")


def filters_clauses(schema: tantivy.Schema, filters: list[Filter]) -> list:
    """Filters as scoreless MUST clauses."""
    return [(tantivy.Occur.Must, tantivy.Query.const_score_query(filter_query(schema, f), 0.0))
            for f in filters]


def facet_request(names: tuple[str, ...]) -> dict:
    return {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in names}


def facet_counts(aggregations: dict) -> dict[str, dict[str, int]]:
    return {name: {str(b["key"]): int(b["doc_count"]) for b in agg.get("buckets", [])}
            for name, agg in aggregations.items()}


# The total rides along with the facet aggregation: one pass over the matches, not two.
TOTAL_AGGREGATION = "__total__"


def total_request() -> dict:
    """Counts the matches: every document has the ``int_key`` column."""
    return {"value_count": {"field": "int_key"}}


def total_of(aggregation: dict) -> int:
    return int(aggregation.get("value") or 0)
