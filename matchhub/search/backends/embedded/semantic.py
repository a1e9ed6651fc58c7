"""The semantic half of the embedded backend: an embedder and a vector store on disk.

The model loads lazily, on first use in each process (importing torch costs seconds and
must not happen in gunicorn's master before it forks). With no model configured, or one
that cannot be loaded, everything here reports why and search stays lexical.
"""

import threading
from pathlib import Path
from typing import Any

from matchhub.search.backends.embedded.vectors import VectorStore
from matchhub.search.backends.embedder import EmbedderStatus, load_embedder
from matchhub.search.core.documents import SearchDocument, document_text


class SemanticIndex:
    def __init__(self, directory: Path, params: dict[str, Any]):
        self.directory = directory
        self.model = str(params.get("EMBEDDING_MODEL") or "")
        self.query_prefix = params.get("EMBEDDING_QUERY_PREFIX")
        self.cache_dir = params.get("EMBEDDING_CACHE_DIR") or None
        self.exact_threshold = int(params.get("VECTOR_EXACT_THRESHOLD", 20_000))
        self._status: EmbedderStatus | None = None
        self._store: VectorStore | None = None
        self._lock = threading.Lock()
        self._loader: threading.Thread | None = None

    @property
    def embedder_status(self) -> EmbedderStatus:
        if self._status is None:
            with self._lock:
                if self._status is None:
                    self._status = load_embedder(self.model, self.cache_dir, self.query_prefix)
        return self._status

    @property
    def available(self) -> bool:
        return self.embedder_status.ok

    def status(self) -> dict[str, Any]:
        """The model's state; a configured model starts loading in the background here,
        so a health check never waits for it."""
        if self._status is None and self.model:
            self._load_in_background()
            return {"ok": True, "state": "loading", "model": self.model,
                    "reason": "模型加载中 / model loading"}
        report = self.embedder_status.as_dict()
        if self.available:
            report["vectors"] = len(self.store())
        return report

    def _load_in_background(self) -> None:
        if self._loader is None or not self._loader.is_alive():
            self._loader = threading.Thread(target=lambda: self.embedder_status, daemon=True,
                                            name="matchhub-embedder-load")
            self._loader.start()

    def store(self) -> VectorStore:
        """The vector store, reloaded when another process saved a newer generation."""
        saved = VectorStore.saved_generation(self.directory)
        if self._store is None or (saved is not None and saved != self._store.generation):
            embedder = self.embedder_status.embedder
            self._store = VectorStore.open(self.directory, embedder.dim, embedder.name,
                                           exact_threshold=self.exact_threshold)
        return self._store

    def add(self, documents: list[SearchDocument], save: bool = True) -> None:
        """Embed and store; the caller holds the index write lock. A rebuild passes
        ``save=False`` for each batch and calls ``save()`` once at the end."""
        if not self.available or not documents:
            return
        vectors = self.embedder_status.embedder.encode_documents(
            [document_text(d) for d in documents])
        store = self.store()
        store.upsert([d.int_key for d in documents], vectors)
        if save:
            store.save()

    def save(self) -> None:
        if self.available:
            self.store().save()

    def remove(self, keys: list[int]) -> None:
        if self.available and self.store().delete(keys):
            self.store().save()

    def clear(self) -> None:
        if self.available:
            store = self.store()
            store.clear()
            store.save()

    def nearest(self, text: str, k: int) -> list[tuple[int, float]]:
        vector = self.embedder_status.embedder.encode_queries([text])[0]
        return self.store().search(vector, k)
