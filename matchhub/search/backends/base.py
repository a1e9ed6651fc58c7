"""The one search-backend interface every backend implements (after Wagtail's search API).

Backends index items by (item_type, id) and return ids with scores; rows always
come from the database. The embedded and Elasticsearch backends arrive with the
search issue; until then the null backend keeps the contract without indexing.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Hit:
    item_type: str
    item_id: int
    score: float


class BaseSearchResults:
    """Lazy, sliceable results with a cached count."""

    def __init__(self, backend: "BaseSearchBackend", query: str, filters: dict[str, Any]):
        self.backend, self.query, self.filters = backend, query, filters
        self._count: int | None = None

    def _run(self, offset: int, limit: int) -> Sequence[Hit]:
        raise NotImplementedError

    def _run_count(self) -> int:
        raise NotImplementedError

    def count(self) -> int:
        if self._count is None:
            self._count = self._run_count()
        return self._count

    def __getitem__(self, key: slice) -> Sequence[Hit]:
        start = key.start or 0
        stop = key.stop if key.stop is not None else start + 20
        return self._run(start, max(0, stop - start))

    def __iter__(self) -> Iterator[Hit]:
        return iter(self[0 : self.count()])


class EmptySearchResults(BaseSearchResults):
    def _run(self, offset: int, limit: int) -> Sequence[Hit]:
        return []

    def _run_count(self) -> int:
        return 0


class BaseSearchBackend:
    name = "base"

    def __init__(self, params: dict[str, Any]):
        self.params = params

    @classmethod
    def enabled(cls) -> bool:
        """False when an optional dependency the backend needs is missing."""
        return True

    def status(self) -> dict[str, Any]:
        return {"backend": self.name, "ok": True}

    def search(self, query: str, filters: dict[str, Any] | None = None) -> BaseSearchResults:
        raise NotImplementedError

    def add(self, document: dict[str, Any]) -> None:
        raise NotImplementedError

    def add_bulk(self, documents: Iterable[dict[str, Any]]) -> None:
        for document in documents:
            self.add(document)

    def delete(self, item_type: str, item_id: int) -> None:
        raise NotImplementedError

    def refresh_indexes(self) -> None:
        """Make recent changes searchable; a no-op where that is immediate."""

    def reset_indexes(self) -> None:
        raise NotImplementedError
