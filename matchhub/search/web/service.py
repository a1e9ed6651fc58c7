"""Search as the pages and the API use it: public filters, rows reloaded from the database
in rank order, reasons and highlighted snippets for each hit, labelled facets."""

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from matchhub.search.backends.base import BaseSearchBackend, Hit
from matchhub.search.core import explain
from matchhub.search.core.documents import document_texts
from matchhub.search.core.query import Filter, SearchQuery, parse_user_text
from matchhub.search.core.registry import spec_for, specs
from matchhub.search.core.rows import load_rows, public_filters


@dataclass
class ResultItem:
    row: Any
    hit: Hit
    reasons: list[explain.Reason]
    snippets: dict[str, Markup]


@dataclass
class SearchOutcome:
    query_text: str
    item_type: str
    items: list[ResultItem]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    did_you_mean: str | None = None
    # Nothing matches the query closely: ``items`` are the nearest results, offered as such.
    nearest: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def run_search(session: Session, backend: BaseSearchBackend, text: str, item_type: str,
               filters: list[Filter], today: dt.date, *, sort: str = "relevance",
               page: int = 1, per_page: int = 20, mode: str = "hybrid") -> SearchOutcome:
    parsed = parse_user_text(text)
    facets = tuple(f.name for f in specs()[item_type].filter_fields if f.facet)
    query = SearchQuery(parsed, (item_type,), [*public_filters(today), *filters], sort,
                        (page - 1) * per_page, per_page, mode, facets)
    results = backend.search(query)
    hits = list(results[query.offset : query.offset + per_page])
    rows = load_rows(session, item_type, [h.item_id for h in hits])
    total = results.count()
    if not total and not parsed.empty and page == 1:
        hits = nearest_hits(backend, query, hits)
        rows = load_rows(session, item_type, [h.item_id for h in hits])
    terms = explain.query_terms(parsed)
    items = [describe(rows[h.item_id], h, terms) for h in hits if h.item_id in rows]
    return SearchOutcome(text, item_type, items, total, page, per_page, results.facets(),
                         results.notes(), nearest=not total and bool(items))


NEAREST = 5  # results offered when nothing matches closely


def type_counts(backend: BaseSearchBackend, text: str, item_types: tuple[str, ...],
                today: dt.date, known: dict[str, int] | None = None) -> dict[str, int]:
    """How many public items of each type match ``text``: what each type tab shows. One
    count per type, since a type's matched set is judged among that type's items;
    ``known`` holds counts the caller already has (the page's own type, unfiltered)."""
    parsed = parse_user_text(text)
    known = known or {}
    return {item_type: known[item_type] if item_type in known else backend.run(
                SearchQuery(parsed, (item_type,), public_filters(today), limit=0,
                            mode="lexical")).total or 0
            for item_type in item_types}


def nearest_hits(backend: BaseSearchBackend, query: SearchQuery, hits: list[Hit]) -> list[Hit]:
    """The best-ranked items for a query nothing matches: those the page already holds
    (semantic neighbours), else the top of the lexical ranking without the match rule."""
    if hits:
        return hits[:NEAREST]
    ranked = replace(query, offset=0, limit=NEAREST, with_total=False, facets=())
    return list(backend.run(ranked).hits)


def describe(row: Any, hit: Hit, terms) -> ResultItem:
    reasons, snippets = explain.explained(terms, document_texts(spec_for(row), row))
    if hit.semantic_rank is not None and hit.lexical_rank is None:
        reasons.append(explain.semantic_reason(None))
    return ResultItem(row, hit, reasons, snippets)
