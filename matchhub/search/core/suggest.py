"""Autocomplete, and "did you mean" for a query with no hits."""

from difflib import get_close_matches
from typing import TYPE_CHECKING

from matchhub.search.core import analysis

if TYPE_CHECKING:  # backends sit above the core; only their type is named here
    from matchhub.search.backends.base import BaseSearchBackend

MAX_PREFIX = 50


def autocomplete(backend: "BaseSearchBackend", prefix: str, item_types, limit: int = 8):
    prefix = (prefix or "").strip()[:MAX_PREFIX]
    return backend.suggest(prefix, item_types, limit) if prefix else []


def did_you_mean(backend: "BaseSearchBackend", text: str, item_type: str) -> str | None:
    """Replace each query keyword that finds nothing by the closest indexed suggestion
    sharing its first character; None when nothing better is known."""
    keywords = analysis.query_keywords(text)
    changed, fixed = False, []
    for keyword in keywords:
        candidates = backend.suggest(keyword[:1], [item_type], limit=200) if keyword else []
        best = _closest(keyword, candidates)
        changed |= best is not None and best != keyword
        fixed.append(best or keyword)
    return " ".join(fixed) if changed else None


def _closest(keyword: str, candidates: list[str]) -> str | None:
    if keyword in candidates:
        return keyword
    short = [c for c in candidates if len(c) <= len(keyword) + 4]
    found = get_close_matches(keyword, short, n=1, cutoff=0.6)
    return found[0] if found else None
