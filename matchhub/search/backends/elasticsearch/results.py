"""Elasticsearch responses read into hits, totals, facets, highlights and suggestions,
and the neighbour smoothing of a ranked response (pure functions over response dicts)."""

import base64
from typing import Any

from matchhub.search.backends.base import Hit
from matchhub.search.backends.elasticsearch.mapping import ORIGINAL, PROFILE_FIELD
from matchhub.search.core.documents import int_key
from matchhub.search.core.neighbours import NeighbourSmoothing, smoothed_ranking


class SearchRequestError(RuntimeError):
    """One search of an msearch failed; carries Elasticsearch's error object."""


def split_key(doc_id: str) -> tuple[str, int]:
    item_type, _, item_id = doc_id.partition(":")
    return item_type, int(item_id)


def _score(raw: dict[str, Any]) -> float:
    score = raw.get("_score")
    return float(score) if score is not None else 0.0


def hits(response: dict[str, Any], offset: int = 0, rank: str | None = "lexical") -> list[Hit]:
    """Hits in response order; ``rank`` names the retriever whose rank they carry."""
    found = []
    for position, raw in enumerate(response["hits"]["hits"], start=offset + 1):
        item_type, item_id = split_key(raw["_id"])
        ranks = {"lexical_rank": position} if rank == "lexical" else \
            {"semantic_rank": position} if rank == "semantic" else {}
        found.append(Hit(item_type, item_id, _score(raw), **ranks))
    return found


def profile(raw: dict[str, Any]) -> bytes | None:
    """A hit's term profile from its ``_source`` (None for a document indexed without)."""
    encoded = (raw.get("_source") or {}).get(PROFILE_FIELD)
    return base64.b64decode(encoded) if encoded else None


def smoothed_hits(raw_hits: list[dict[str, Any]],
                  settings: NeighbourSmoothing) -> list[dict[str, Any]]:
    """Raw hits ranked best first, the first ``settings.pool`` of them re-ordered by
    neighbour smoothing (``neighbours.smoothed_ranking``, as in the embedded backend) and
    given their smoothed scores; the hits past the pool keep their order and scores."""
    if not settings.enabled:
        return list(raw_hits)
    ranked = smoothed_ranking(raw_hits, [_score(raw) for raw in raw_hits],
                              lambda pool: [profile(raw) for raw in pool], settings)
    return [{**raw, "_score": score} for score, raw in ranked]


def smoothed_page(response: dict[str, Any], offset: int, limit: int,
                  settings: NeighbourSmoothing) -> dict[str, Any]:
    """A response for the hits from the first (``bodies.smoothing_window`` of them), as
    the response for the page ``offset`` .. ``offset + limit`` of the smoothed ranking:
    its hits (and so their highlights) are the page's only; total and aggregations stay."""
    ranked = smoothed_hits(response["hits"]["hits"], settings)
    return {**response, "hits": {**response["hits"], "hits": ranked[offset : offset + limit]}}


def ranked_keys(response: dict[str, Any]) -> list[tuple[int, float]]:
    """(integer key, score) best first, for fusion."""
    return [(int_key(*split_key(raw["_id"])), _score(raw)) for raw in response["hits"]["hits"]]


def total(response: dict[str, Any]) -> int | None:
    """The exact total, or None when the search did not count (track_total_hits false)."""
    found = response["hits"].get("total")
    if found is None:
        return None
    return int(found["value"]) if isinstance(found, dict) else int(found)


def facets(response: dict[str, Any], names: tuple[str, ...]) -> dict[str, dict[str, int]]:
    aggregations = response.get("aggregations") or {}
    return {name: {str(b["key"]): int(b["doc_count"]) for b in aggregations[name]["buckets"]}
            for name in names if name in aggregations}


def merge_marks(fragment: str) -> str:
    """Adjacent marks as one: the standard analyzer marks CJK text character by character."""
    return fragment.replace("</mark><mark>", "")


def highlights(response: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """Fragments by document key and search field name."""
    found: dict[str, dict[str, list[str]]] = {}
    for raw in response["hits"]["hits"]:
        for name, fragments in (raw.get("highlight") or {}).items():
            field = name.removeprefix(f"{ORIGINAL}.")
            found.setdefault(raw["_id"], {})[field] = [merge_marks(f) for f in fragments]
    return found


def suggestions(response: dict[str, Any]) -> list[str]:
    buckets = (response.get("aggregations") or {}).get("suggest", {}).get("buckets", [])
    return [str(b["key"]) for b in buckets if b.get("doc_count", 0) > 0]


def msearch_responses(response: dict[str, Any]) -> list[dict[str, Any]]:
    """The responses of an msearch, raising on the first that failed."""
    found = response["responses"]
    for item in found:
        if "error" in item:
            raise SearchRequestError(item["error"])
    return found
