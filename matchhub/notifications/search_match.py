"""Which newly published items a saved search finds, and how well.

The saved query runs through the search backend as on the /search page (public items,
the saved filters, the same matched set) narrowed to items published since the oldest
new one; the hits that
are new items are scored by the share of the query's terms they contain (a whole term
counts 1, a part of it 0.5), so a threshold means the same for every query. A search
with filters only scores 1 for every item it finds.
"""

import datetime as dt
from typing import Any

from matchhub.notifications.models import Subscription
from matchhub.search.backends.base import BaseSearchBackend
from matchhub.search.core import explain
from matchhub.search.core.documents import document_texts
from matchhub.search.core.filters import parse_search_filters
from matchhub.search.core.query import ParsedText, Range, SearchQuery, parse_user_text
from matchhub.search.core.registry import spec_for
from matchhub.search.core.rows import public_filters

SCAN = 200  # hits examined per saved search and run


def term_coverage(parsed: ParsedText, row: Any) -> float:
    terms = [t for t in explain.query_terms(parsed) if t.source == "query"]
    if not terms:
        return 1.0
    texts = document_texts(spec_for(row), row)
    best: dict[str, float] = {}
    for reason in explain.reasons_for(terms, texts):
        credit = 0.5 if reason.code == "partial" else 1.0
        best[reason.term] = max(best.get(reason.term, 0.0), credit)
    return round(sum(best.values()) / len(terms), 4)


def search_matches(backend: BaseSearchBackend, sub: Subscription, new_rows: dict[int, Any],
                   today: dt.date) -> list[tuple[Any, float]]:
    """(row, score) for each new row of the subscription's type the saved search finds."""
    if not new_rows:
        return []
    parsed = parse_user_text(sub.query_text)
    since = min(row.published_at.date() for row in new_rows.values())
    filters = [*public_filters(today), *parse_search_filters(sub.filters),
               Range("published", lower=since)]
    sort = "newest" if parsed.empty else "relevance"
    query = SearchQuery(parsed, (sub.item_type,), filters, sort, 0, SCAN, "hybrid")
    # The matched set, as the search page counts it: semantic-only hits are offered there
    # as 相近结果, not as matches.
    hits = [h for h in backend.run(query).hits if parsed.empty or h.lexical_rank is not None]
    return [(new_rows[h.item_id], term_coverage(parsed, new_rows[h.item_id]))
            for h in hits if h.item_id in new_rows]
