"""A backend that indexes nothing and finds nothing: for tests and a search-less setup."""

from collections.abc import Iterable
from typing import Any

from matchhub.search.backends.base import BaseSearchBackend, BaseSearchResults, EmptySearchResults


class NullSearchBackend(BaseSearchBackend):
    name = "null"

    def status(self) -> dict[str, Any]:
        return {"backend": self.name, "ok": True, "note": "no full-text index configured"}

    def search(self, query: str, filters: dict[str, Any] | None = None) -> BaseSearchResults:
        return EmptySearchResults(self, query, filters or {})

    def add(self, document: dict[str, Any]) -> None:
        return None

    def add_bulk(self, documents: Iterable[dict[str, Any]]) -> None:
        return None

    def delete(self, item_type: str, item_id: int) -> None:
        return None

    def reset_indexes(self) -> None:
        return None


SearchBackend = NullSearchBackend
