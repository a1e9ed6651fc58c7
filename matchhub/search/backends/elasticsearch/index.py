"""Index versions behind an alias: creation, bulk loading, atomic swaps (zero-downtime
rebuilds after Wagtail's and Warehouse's reindex).

Searches and writes go to the alias (``INDEX``, "matchhub" by default). A rebuild loads a
new ``<alias>_<random>`` index with ``helpers.streaming_bulk``, collecting the failures
of single documents and raising them together at the end; ``commit`` moves the alias in
one ``update_aliases`` call and deletes the old index; ``abort`` deletes the new one.
Changes indexed while a rebuild runs go to the old version through the alias: the
indexer replays them after the swap.
"""

import secrets
from collections.abc import Iterable
from typing import Any

from matchhub.search.backends.base import BaseRebuild
from matchhub.search.core.documents import SearchDocument

MAX_REPORTED = 20  # failed documents quoted in an IndexingError's message


class IndexingError(RuntimeError):
    """Some documents were not indexed; ``errors`` holds Elasticsearch's item for each."""

    def __init__(self, errors: list[dict[str, Any]]):
        self.errors = errors
        shown = "; ".join(describe_failure(e) for e in errors[:MAX_REPORTED])
        super().__init__(f"{len(errors)} documents failed to index: {shown}")


def describe_failure(item: dict[str, Any]) -> str:
    """One bulk result item ({"index": {"_id", "status", "error"}}) in a line."""
    result = next(iter(item.values()), {}) if item else {}
    error = result.get("error") or {}
    reason = error.get("reason", error) if isinstance(error, dict) else error
    return f"{result.get('_id')} ({result.get('status')}): {reason}"


def failures(results: Iterable[tuple[bool, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The items of streaming_bulk's (ok, item) results that failed."""
    return [item for ok, item in results if not ok]


def new_index_name(alias: str) -> str:
    return f"{alias}_{secrets.token_hex(4)}"


def swap_actions(alias: str, new_index: str, old_indices: list[str],
                 alias_is_index: bool = False) -> list[dict[str, Any]]:
    """One atomic update_aliases: point the alias at the new index only. A concrete
    index that holds the alias's name (made before aliases were used) is removed in the
    same call."""
    actions: list[dict[str, Any]] = [{"add": {"index": new_index, "alias": alias,
                                              "is_write_index": True}}]
    if alias_is_index:
        actions.append({"remove_index": {"index": alias}})
    actions += [{"remove": {"index": old, "alias": alias}} for old in old_indices
                if old != new_index]
    return actions


class ElasticsearchRebuild(BaseRebuild):
    """A new index version; the alias keeps pointing at the old one until commit()."""

    def __init__(self, backend):
        self.backend = backend
        self.index = new_index_name(backend.alias)
        # The new version has a vector field when a model is configured and loads.
        self.vectors = backend.create_index(self.index)
        self.done = False

    def add_bulk(self, documents: Iterable[SearchDocument], workers: int = 1) -> None:
        self._check_open()
        self.backend.write(documents, self.index, workers, vectors=self.vectors)

    def commit(self) -> None:
        self._check_open()
        client = self.backend.client
        client.indices.refresh(index=self.index)
        old, alias_is_index = self.backend.live_indices()
        actions = swap_actions(self.backend.alias, self.index, old, alias_is_index)
        client.indices.update_aliases(actions=actions)
        self.done = True
        for name in old:
            if name != self.index:
                client.options(ignore_status=404).indices.delete(index=name)
        self.backend.forget_index()

    def abort(self) -> None:
        self._check_open()
        self.backend.client.options(ignore_status=404).indices.delete(index=self.index)
        self.done = True

    def _check_open(self) -> None:
        if self.done:
            raise RuntimeError(f"rebuild into {self.index} already finished")
