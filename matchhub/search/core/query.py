"""Backend-neutral query objects, and the parser that turns what a user typed into them.

User text never reaches an engine as a query string: it is parsed here into plain text,
quoted phrases and exclusions, and each backend builds its own queries from these.
"""

import re
from dataclasses import dataclass, field
from typing import Any, Literal

Mode = Literal["lexical", "semantic", "hybrid"]
Sort = Literal["relevance", "newest", "price_asc", "price_desc", "end_date"]
SORTS: tuple[str, ...] = ("relevance", "newest", "price_asc", "price_desc", "end_date")
MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class PlainText:
    text: str


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Not:
    text: str


@dataclass(frozen=True)
class Term:
    """Filter: the field equals the value (for a multi-valued field: contains it)."""

    name: str
    value: Any


@dataclass(frozen=True)
class AnyOf:
    name: str
    values: tuple[Any, ...]


@dataclass(frozen=True)
class Range:
    """Filter: lower <= field <= upper; either bound may be None."""

    name: str
    lower: Any = None
    upper: Any = None


Filter = Term | AnyOf | Range


@dataclass(frozen=True)
class ParsedText:
    plain: str = ""
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.plain or self.phrases)

    @property
    def positive_text(self) -> str:
        return " ".join([self.plain, *self.phrases]).strip()


@dataclass
class SearchQuery:
    text: ParsedText
    item_types: tuple[str, ...]
    filters: list[Filter] = field(default_factory=list)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    mode: Mode = "hybrid"
    facets: tuple[str, ...] = ()
    # Count every match (a full pass over the matching documents); callers that only
    # want the best hits (matching, benchmarks) skip it and get total None.
    with_total: bool = True


_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」')
_EXCLUDED = re.compile(r"(?:^|\s)-(\S+)")


def parse_user_text(raw: str) -> ParsedText:
    """Quoted phrases ("…", “…”, 「…」) must appear; -word excludes; the rest is plain text."""
    text = (raw or "")[:MAX_QUERY_CHARS]
    phrases = tuple(p.strip() for m in _QUOTED.finditer(text) for p in m.groups() if p and
                    p.strip())
    text = _QUOTED.sub(" ", text)
    excluded = tuple(m.group(1) for m in _EXCLUDED.finditer(text))
    plain = " ".join(_EXCLUDED.sub(" ", text).split())
    return ParsedText(plain, phrases, excluded)
