"""Candidates for a listing's matches: the search layer's best hits of the opposite kind,
found with a query built from the listing's title and keywords."""

import datetime as dt
import re
from typing import Any

from matchhub.search.backends.base import BaseSearchBackend, Hit
from matchhub.search.core.query import MAX_QUERY_CHARS, ParsedText, SearchQuery
from matchhub.search.core.rows import public_filters

OPPOSITE = {"need": "achievement", "achievement": "need"}
# Search syntax a title might carry by accident: quotes (phrases) and a leading minus.
_SYNTAX = re.compile(r"[\"“”「」]|(?:^|\s)-")


def query_for(item: Any) -> ParsedText:
    """Plain text from the title and keywords; never parsed as search syntax."""
    text = " ".join([item.title or "", *(item.keywords or [])])
    return ParsedText(plain=" ".join(_SYNTAX.sub(" ", text).split())[:MAX_QUERY_CHARS])


def find_candidates(backend: BaseSearchBackend, item: Any, today: dt.date,
                    count: int) -> list[Hit]:
    """Published, unexpired items of the opposite kind, best text match first."""
    query = SearchQuery(query_for(item), (OPPOSITE[item.item_type],), public_filters(today),
                        limit=count, mode="hybrid", with_total=False)
    if query.text.empty:
        return []
    return list(backend.run(query).hits)
