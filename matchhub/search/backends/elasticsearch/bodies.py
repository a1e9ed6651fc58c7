"""Whole search request bodies: lexical, semantic (kNN), hybrid (client-side fusion over
one msearch, or the server's RRF retriever) and suggestions."""

from typing import Any

from matchhub.search.backends.elasticsearch.filters import facet_aggs, sort_clause
from matchhub.search.backends.elasticsearch.mapping import (
    PROFILE_FIELD,
    SUGGEST_FIELD,
    VECTOR_FIELD,
)
from matchhub.search.core.neighbours import NeighbourSmoothing
from matchhub.search.core.query import SearchQuery

MAX_NUM_CANDIDATES = 10_000  # Elasticsearch's limit for kNN num_candidates


def filtered(text: dict[str, Any], filters: list[dict[str, Any]]) -> dict[str, Any]:
    return {"bool": {"must": [text], "filter": filters}}


def _page(query: SearchQuery, body: dict[str, Any]) -> dict[str, Any]:
    body.update({"from": query.offset, "size": query.limit, "_source": False,
                 "track_total_hits": query.with_total})
    if query.facets:
        body["aggs"] = facet_aggs(query.facets)
    return body


def smoothing_window(query: SearchQuery, settings: NeighbourSmoothing) -> int | None:
    """How many hits, from the first, a lexical page fetches for neighbour smoothing; None
    for the plain page: smoothing off, no text, a field sort, or a page past the pool
    (smoothing only re-orders the pool, so such a page is the plain ranking's)."""
    if not settings.enabled or sort_clause(query) is not None or query.offset >= settings.pool:
        return None
    return max(settings.pool, query.offset + query.limit)


def lexical_body(query: SearchQuery, text: dict[str, Any], filters: list[dict[str, Any]],
                 highlight: dict[str, Any] | None = None,
                 window: int | None = None) -> dict[str, Any]:
    """The page's search; with a ``window``, the first ``window`` hits with their
    profiles instead (``results.smoothed_page`` then cuts the page)."""
    body = _page(query, {"query": filtered(text, filters)})
    sort = sort_clause(query)
    if sort is not None:
        body["sort"] = sort
    if highlight:
        body["highlight"] = highlight
    if window is not None:
        body.update({"from": 0, "size": window, "_source": [PROFILE_FIELD]})
    return body


def knn_clause(vector, k: int, filters: list[dict[str, Any]],
               num_candidates: int) -> dict[str, Any]:
    """Approximate nearest neighbours (HNSW), pre-filtered by the same filter clauses."""
    candidates = min(MAX_NUM_CANDIDATES, max(k, num_candidates))
    return {"field": VECTOR_FIELD, "query_vector": [float(x) for x in vector], "k": k,
            "num_candidates": candidates, "filter": filters}


def semantic_body(query: SearchQuery, knn: dict[str, Any]) -> dict[str, Any]:
    return _page(query, {"knn": knn})


def lexical_candidates_size(query: SearchQuery, lexical_candidates: int) -> int:
    return max(lexical_candidates, query.offset + query.limit)


def hybrid_searches(query: SearchQuery, text: dict[str, Any], filters: list[dict[str, Any]],
                    knn: dict[str, Any], lexical_candidates: int,
                    smoothing: NeighbourSmoothing | None = None,
                    min_score: float | None = None) -> list[dict[str, Any]]:
    """Three searches for one msearch: the lexical candidates, the semantic candidates,
    and the matched set for the total and the facets: the lexical matches only, as
    semantic-only hits are offered as 相近结果 and not counted. ``min_score``: the
    relative cut of "relative" membership, on the lexical searches. With smoothing on,
    the lexical candidates come with their profiles, at least a pool of them."""
    size = lexical_candidates_size(query, lexical_candidates)
    lexical = {"query": filtered(text, filters), "size": size, "_source": False,
               "track_total_hits": False}
    if smoothing is not None and smoothing.enabled:
        lexical.update({"size": max(size, smoothing.pool), "_source": [PROFILE_FIELD]})
    semantic = {"knn": knn, "size": knn["k"], "_source": False, "track_total_hits": False}
    union: dict[str, Any] = {"query": filtered(text, filters), "size": 0, "_source": False,
                             "track_total_hits": query.with_total}
    if min_score is not None:
        lexical["min_score"] = union["min_score"] = min_score
    if query.facets:
        union["aggs"] = facet_aggs(query.facets)
    return [lexical, semantic, union]


def msearch_lines(bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Header and body lines; the index is given to msearch itself."""
    return [line for body in bodies for line in ({}, body)]


def rrf_body(query: SearchQuery, text: dict[str, Any], filters: list[dict[str, Any]],
             knn: dict[str, Any], window: int, rank_constant: int) -> dict[str, Any]:
    """Server-side reciprocal rank fusion (the ``rrf`` retriever, Elasticsearch 8.16+)."""
    retrievers = [{"standard": {"query": filtered(text, filters)}}, {"knn": knn}]
    window = max(window, query.offset + query.limit)
    rrf = {"retrievers": retrievers, "rank_window_size": window, "rank_constant": rank_constant}
    return _page(query, {"retriever": {"rrf": rrf}})


def lucene_regex_escape(text: str) -> str:
    """Every character but letters and digits escaped: a literal in Lucene's RegExp."""
    return "".join(ch if ch.isalnum() else "\\" + ch for ch in text)


def suggest_body(prefix: str, item_types: list[str], limit: int) -> dict[str, Any]:
    """Distinct suggestions starting with ``prefix`` (already normalised), in key order."""
    match = [{"terms": {"item_type": list(item_types)}}, {"prefix": {SUGGEST_FIELD: prefix}}]
    terms = {"field": SUGGEST_FIELD, "include": lucene_regex_escape(prefix) + ".*",
             "size": limit, "order": {"_key": "asc"}}
    return {"size": 0, "query": {"bool": {"filter": match}},
            "aggs": {"suggest": {"terms": terms}}}

