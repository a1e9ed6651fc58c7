"""The one search-backend interface every backend implements (after Wagtail's search API).

Backends index ``SearchDocument``s and answer ``SearchQuery``s with ids, scores and facet
counts; rows always come from the database. ``BaseSearchResults`` is lazy: nothing runs
until it is sliced or counted, and the count and facets are cached.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from matchhub.search.core.documents import SearchDocument
from matchhub.search.core.query import SearchQuery


@dataclass(frozen=True)
class Hit:
    item_type: str
    item_id: int
    score: float
    # Rank (1-based) in each retriever that found it; None where it did not.
    lexical_rank: int | None = None
    semantic_rank: int | None = None


@dataclass
class Page:
    hits: list[Hit]
    total: int | None  # None when the query asked for no total
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # Highlighted fragments by document key and field, from backends that make them
    # (HTML: text escaped, matches in <mark>); the pages build their own from the rows.
    highlights: dict[str, dict[str, list[str]]] = field(default_factory=dict)


class BaseSearchResults:
    """Lazy, sliceable results of one query, with a cached count and facets."""

    def __init__(self, backend: "BaseSearchBackend", query: SearchQuery):
        self.backend, self.query = backend, query
        self._page: Page | None = None
        self._window: tuple[int, int] | None = None

    def _fetch(self, offset: int, limit: int) -> Page:
        if self._window != (offset, limit):
            self._page = self.backend.run(replace(self.query, offset=offset, limit=limit))
            self._window = (offset, limit)
        return self._page

    def __getitem__(self, key: slice) -> Sequence[Hit]:
        if not isinstance(key, slice):
            raise TypeError("search results support slices only")
        start = key.start or 0
        stop = key.stop if key.stop is not None else start + self.query.limit
        return self._fetch(start, max(0, stop - start)).hits

    def _any_page(self) -> Page:
        return self._page or self._fetch(self.query.offset, self.query.limit)

    def count(self) -> int:
        return self._any_page().total

    def facets(self) -> dict[str, dict[str, int]]:
        return self._any_page().facets

    def notes(self) -> list[str]:
        return self._any_page().notes


class EmptySearchResults(BaseSearchResults):
    def _fetch(self, offset: int, limit: int) -> Page:
        return Page([], 0)


class BaseRebuild:
    """A new index version being built; live searches keep using the old one until commit().

    The indexer (``indexer rebuild``) streams every document through ``add_bulk``, then
    calls ``commit`` (or ``abort`` on any failure), holding the rebuild lock throughout.
    """

    # Processes that may analyse documents in parallel: a hint, backends may ignore it.
    workers: int = 1

    def add_bulk(self, documents: Iterable[SearchDocument]) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        """Atomically make the new version live and drop the old one."""
        raise NotImplementedError

    def abort(self) -> None:
        """Drop the new version; the old one stays live."""
        raise NotImplementedError


class BaseSearchBackend:
    name = "base"
    results_class = BaseSearchResults

    def __init__(self, params: dict[str, Any]):
        self.params = params

    @classmethod
    def enabled(cls) -> bool:
        """False when an optional dependency the backend needs is missing."""
        return True

    def status(self) -> dict[str, Any]:
        return {"backend": self.name, "ok": True}

    def generation(self) -> Hashable | None:
        """A value that changes whenever any query's results may change (a commit, a
        rebuild, the embedding model becoming available), for caching whole responses;
        None where the backend cannot tell cheaply (nothing is then cached)."""
        return None

    def search(self, query: SearchQuery) -> BaseSearchResults:
        return self.results_class(self, query)

    def run(self, query: SearchQuery) -> Page:
        """Execute one query for its offset/limit window."""
        raise NotImplementedError

    def suggest(self, prefix: str, item_types: Sequence[str], limit: int = 8) -> list[str]:
        raise NotImplementedError

    def add(self, document: SearchDocument) -> None:
        self.add_bulk([document])

    def add_bulk(self, documents: Iterable[SearchDocument]) -> None:
        raise NotImplementedError

    def delete(self, item_type: str, item_id: int) -> None:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def refresh_indexes(self) -> None:
        """Make recent changes searchable; a no-op where that is immediate."""

    def reset_indexes(self) -> None:
        raise NotImplementedError

    def begin_rebuild(self) -> BaseRebuild:
        raise NotImplementedError

    def indexed_checksums(self) -> dict[tuple[str, int], str]:
        """(item_type, item_id) -> the content_checksum() stored with each indexed
        document (for ``indexer verify``)."""
        raise NotImplementedError
