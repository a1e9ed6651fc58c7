"""Search as the pages and the API use it: public filters, rows reloaded from the database
in rank order, reasons and highlighted snippets for each hit, labelled facets."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload, selectinload

from matchhub.search import explain
from matchhub.search.backends.base import BaseSearchBackend, Hit
from matchhub.search.documents import document_texts, spec_for, specs
from matchhub.search.query import Filter, Range, SearchQuery, Term, parse_user_text


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def public_filters(today: dt.date) -> list[Filter]:
    """What makes an indexed item public right now (drafts are never indexed at all)."""
    return [Term("status", "published"), Range("end_date", lower=today)]


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
    terms = explain.query_terms(parsed)
    items = [describe(rows[h.item_id], h, terms) for h in hits if h.item_id in rows]
    outcome = SearchOutcome(text, item_type, items, results.count(), page, per_page,
                            results.facets(), results.notes())
    return outcome


def load_rows(session: Session, item_type: str, ids: list[int]) -> dict[int, Any]:
    """The hits' rows with what a result shows: their organisation, not the collections
    (transfer modes, IP records) a detail page loads eagerly."""
    model = specs()[item_type].model
    stmt = select(model).where(model.id.in_(ids)).options(lazyload("*"))
    if hasattr(model, "owner_org"):  # each hit's document names its organisation
        stmt = stmt.options(selectinload(model.owner_org))
    return {row.id: row for row in session.scalars(stmt)}


def describe(row: Any, hit: Hit, terms) -> ResultItem:
    reasons, snippets = explain.explained(terms, document_texts(spec_for(row), row))
    if hit.semantic_rank is not None and hit.lexical_rank is None:
        reasons.append(explain.semantic_reason(None))
    return ResultItem(row, hit, reasons, snippets)
