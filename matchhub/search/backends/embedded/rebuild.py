"""Rebuilding the embedded index: a new version directory filled by one long-lived writer
(documents analysed on ``workers`` processes), then a pointer swap (store.swap_version)."""

import multiprocessing
import shutil
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

import tantivy

from matchhub.search.backends.base import BaseRebuild
from matchhub.search.backends.embedded.semantic import SemanticIndex
from matchhub.search.backends.embedded.store import (
    BULK_WRITER_HEAP,
    LexicalStore,
    new_version_dir,
    remove_stale_versions,
    swap_version,
)
from matchhub.search.backends.embedded.tokens import (
    analyse_document,
    default_signals,
    to_tantivy,
)
from matchhub.search.core.documents import SearchDocument, split_int_key


class EmbeddedRebuild(BaseRebuild):
    def __init__(self, root: Path, params: dict[str, Any], repeats: dict[str, int]):
        self.root, self.repeats = root, repeats
        remove_stale_versions(root)
        self.dir = new_version_dir(root)
        self.store = LexicalStore(self.dir)
        self.semantic = SemanticIndex(self.dir / "vectors", params)
        self._stack = ExitStack()
        self._writer: tantivy.IndexWriter | None = None
        self._pool = None

    def _open(self) -> tantivy.IndexWriter:
        """The pool first: forking after the writer has started its threads is unsafe."""
        if self._writer is None:
            if self.workers > 1:
                context = multiprocessing.get_context("fork")
                self._pool = self._stack.enter_context(
                    context.Pool(self.workers, initializer=default_signals))
            self._writer = self._stack.enter_context(self.store.writer(
                threads=max(1, self.workers), heap=BULK_WRITER_HEAP, live_only=False))
        return self._writer

    def add_bulk(self, documents) -> None:
        documents: list[SearchDocument] = list(documents)
        writer = self._open()
        analyse = partial(analyse_document, repeats=self.repeats)
        analysed = (self._pool.imap(analyse, documents, chunksize=64) if self._pool
                    else map(analyse, documents))
        for item in analysed:
            writer.add_document(to_tantivy(item))
        self.semantic.add(documents, save=False)

    def commit(self) -> None:
        self._open()
        self._stack.close()  # commits the writer, stops the pool
        self.semantic.save()
        swap_version(self.root, self.dir.name)

    def abort(self) -> None:
        try:
            self._stack.__exit__(RuntimeError, RuntimeError("rebuild aborted"), None)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def indexed_checksums(searcher: tantivy.Searcher) -> dict[tuple[str, int], str]:
    """Read as fast-field columns: no stored document is fetched."""
    if not searcher.num_docs:
        return {}
    hits = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs, count=False).hits
    addresses = [address for _, address in hits]
    keys = searcher.fast_field_values("int_key", addresses)
    sums = searcher.fast_field_values("checksum", addresses)
    return {split_int_key(key): f"{value:016x}" for key, value in zip(keys, sums, strict=True)}
