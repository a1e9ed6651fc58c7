"""A backend that indexes nothing and finds nothing: for a search-less setup and tests."""

from collections.abc import Iterable, Sequence
from typing import Any

from matchhub.search.backends.base import (
    BaseRebuild,
    BaseSearchBackend,
    EmptySearchResults,
    Page,
)
from matchhub.search.core.documents import SearchDocument
from matchhub.search.core.query import SearchQuery


class NullRebuild(BaseRebuild):
    def add_bulk(self, documents: Iterable[SearchDocument]) -> None:
        return None

    def commit(self) -> None:
        return None

    def abort(self) -> None:
        return None


class NullSearchBackend(BaseSearchBackend):
    name = "null"
    results_class = EmptySearchResults

    def status(self) -> dict[str, Any]:
        return {"backend": self.name, "ok": True, "note": "no full-text index configured"}

    def run(self, query: SearchQuery) -> Page:
        return Page([], 0)

    def suggest(self, prefix: str, item_types: Sequence[str], limit: int = 8) -> list[str]:
        return []

    def add_bulk(self, documents: Iterable[SearchDocument]) -> None:
        return None

    def delete(self, item_type: str, item_id: int) -> None:
        return None

    def count(self) -> int:
        return 0

    def reset_indexes(self) -> None:
        return None

    def begin_rebuild(self) -> BaseRebuild:
        return NullRebuild()

    def indexed_checksums(self) -> dict[tuple[str, int], str]:
        return {}


SearchBackend = NullSearchBackend
