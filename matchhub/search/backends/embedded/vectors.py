"""A small on-disk vector store: exact numpy search, HNSW (usearch) for large stores.

Layout of a store directory (beside the lexical index)::

    manifest.json          format version, dim, model, count, generation, file names
    keys.<gen>.npy         int64 keys, one per row
    vectors.<gen>.npy      float32 matrix (count, dim), rows L2-normalised
    index.<gen>.usearch    the HNSW graph, when one was built and is current

The manifest is the commit point: data files of a new generation are written under
temporary names, fsynced and renamed first, then the manifest is replaced atomically,
then older generations are removed. A save interrupted at any point leaves the previous
generation readable; stray files of an unfinished save are ignored and cleaned later.

Keys are caller-chosen non-negative int64 (the caller packs (item_type, id) into one).
Scores are cosine similarities (dot products of unit vectors).
"""

import json
import math
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DEFAULT_EXACT_THRESHOLD = 20_000
ANN_OVERFETCH_ROUNDS = 2  # filtered ANN tries (then exact over the allowed subset)
SUBSET_SHARE = 8  # allowed sets under 1/8 of the store are scored row by row
REBUILD_AFTER_REMOVED = 0.25  # share of graph nodes removed in place before a rebuild
_GENERATION_FILE = re.compile(r"^(keys|vectors|index)\.\d+\.(npy|usearch)(\.tmp)?$")


class VectorStoreError(ValueError):
    """Wrong dimension, a store built by another model, or an unreadable store."""


@dataclass(frozen=True)
class HnswParams:
    connectivity: int = 16
    expansion_add: int = 128
    expansion_search: int = 64


class VectorStore:
    """Vectors by int64 key; search is exact below ``exact_threshold`` vectors, HNSW above."""

    def __init__(
        self,
        directory: str | os.PathLike,
        dim: int,
        model: str,
        exact_threshold: int = DEFAULT_EXACT_THRESHOLD,
        hnsw: HnswParams | None = None,
    ):
        if dim <= 0:
            raise VectorStoreError(f"dimension must be positive, got {dim}")
        self.directory = Path(directory)
        self.dim, self.model = int(dim), model
        self.exact_threshold = exact_threshold
        self.hnsw = hnsw or HnswParams()
        self._lock = threading.RLock()
        self._generation = 0
        self._reset_rows(np.zeros(0, np.int64), np.zeros((0, self.dim), np.float32))
        self._index: Any = None  # usearch Index over the live rows, or None
        self._index_removed = 0

    # -- opening and saving --------------------------------------------------------------

    @classmethod
    def load(
        cls,
        directory: str | os.PathLike,
        *,
        dim: int | None = None,
        model: str | None = None,
        exact_threshold: int = DEFAULT_EXACT_THRESHOLD,
        hnsw: HnswParams | None = None,
    ) -> "VectorStore":
        """Read a saved store; ``dim`` and ``model``, when given, must match its manifest."""
        options = (dim, model, exact_threshold, hnsw)
        try:
            return cls._load_once(directory, *options)
        except FileNotFoundError:
            pass  # a writer replaced this generation while we read it: read the new one
        try:
            return cls._load_once(directory, *options)
        except FileNotFoundError as exc:
            raise VectorStoreError(f"vector store {directory} is incomplete: {exc}") from exc

    @classmethod
    def _load_once(cls, directory, dim, model, exact_threshold, hnsw) -> "VectorStore":
        manifest = _read_manifest(Path(directory))
        _check_manifest(manifest, dim, model)
        store = cls(directory, manifest["dim"], manifest["model"], exact_threshold, hnsw)
        store._load_generation(manifest)
        return store

    @classmethod
    def open(
        cls, directory: str | os.PathLike, dim: int, model: str, **options: Any
    ) -> "VectorStore":
        """Load the store in ``directory`` if there is one, else start an empty one."""
        if (Path(directory) / MANIFEST).is_file():
            return cls.load(directory, dim=dim, model=model, **options)
        return cls(directory, dim, model, **options)

    def save(self, build_index: bool = True) -> None:
        """Compact deleted rows and write a new generation crash-safely.

        Above the exact threshold the HNSW graph is brought up to date first (unless
        ``build_index`` is False) and saved too, so no query pays for building it.
        """
        with self._lock:
            self._compact()
            if build_index:
                self.build_index()
            self.directory.mkdir(parents=True, exist_ok=True)
            # Never reuse a generation already on disk (a fresh store saved over an old one).
            generation = max(self._generation, self.saved_generation(self.directory) or 0) + 1
            manifest = self._write_generation(generation)
            _atomic_write(self.directory / MANIFEST, json.dumps(manifest, indent=2).encode())
            _fsync_directory(self.directory)
            self._generation = generation
            self._remove_stale_files(manifest)

    # -- changing ------------------------------------------------------------------------

    def upsert(self, keys: Any, vectors: Any) -> None:
        """Add or replace vectors; they are L2-normalised on the way in."""
        keys = _as_keys(keys)
        if not len(keys):
            return
        vectors = self._as_vectors(vectors, len(keys))
        if len(np.unique(keys)) != len(keys):
            raise VectorStoreError("duplicate keys in one upsert")
        with self._lock:
            replaced = [key for key in keys.tolist() if key in self._rows]
            self._write_rows(keys, vectors)
            self._index_update(keys, vectors, replaced)

    def delete(self, keys: Any) -> int:
        """Forget these keys (unknown keys are ignored); returns how many were removed."""
        with self._lock:
            gone = [key for key in _as_keys(keys).tolist() if key in self._rows]
            for key in gone:
                self._alive[self._rows.pop(key)] = False
            self._index_remove(gone)
            return len(gone)

    def clear(self) -> None:
        """Empty the store (in memory; ``save`` makes it so on disk)."""
        with self._lock:
            self._reset_rows(np.zeros(0, np.int64), np.zeros((0, self.dim), np.float32))
            self._index, self._index_removed = None, 0

    # -- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def keys(self) -> np.ndarray:
        with self._lock:
            return self._keys[: self._size][self._alive[: self._size]].copy()

    def get(self, key: int) -> np.ndarray | None:
        with self._lock:
            row = self._rows.get(key)
            return None if row is None else self._vectors[row].copy()

    @property
    def generation(self) -> int:
        """The saved generation this store was loaded from or last wrote (0: never saved)."""
        return self._generation

    @staticmethod
    def saved_generation(directory: str | os.PathLike) -> int | None:
        """The generation on disk, to tell whether a loaded store should be reloaded."""
        try:
            return int(_read_manifest(Path(directory))["generation"])
        except VectorStoreError:
            return None

    def build_index(self) -> bool:
        """Build or refresh the HNSW graph now if the store is above the threshold."""
        with self._lock:
            if not self.uses_hnsw:
                return False
            self._current_index()
            return True

    @property
    def uses_hnsw(self) -> bool:
        """True when an unfiltered search goes through the HNSW index."""
        return len(self) >= self.exact_threshold

    def search(
        self, query_vector: Any, k: int, allowed_keys: set[int] | None = None
    ) -> list[tuple[int, float]]:
        """The ``k`` nearest keys with cosine scores, best first, among ``allowed_keys`` if set."""
        query = self._as_vectors(query_vector, 1)[0]
        with self._lock:
            if k <= 0 or not self._rows:
                return []
            if allowed_keys is None:
                return self._search_all(query, k)
            return self._search_allowed(query, k, allowed_keys)

    # -- search internals ----------------------------------------------------------------

    def _search_all(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self.uses_hnsw:
            return self._ann(query, k, None)
        return self._exact_masked(query, k, self._alive[: self._size])

    def _search_allowed(self, query, k, allowed: set[int]) -> list[tuple[int, float]]:
        if not self.uses_hnsw or len(allowed) <= self.exact_threshold:
            return self._exact_allowed(query, k, allowed)
        hits = self._ann(query, k, allowed)
        if len(hits) >= min(k, len(allowed)):
            return hits
        return self._exact_allowed(query, k, allowed)

    def _exact_allowed(self, query, k, allowed: set[int]) -> list[tuple[int, float]]:
        if len(allowed) * SUBSET_SHARE < self._size:  # few keys: score only their rows
            rows = self._rows_of(allowed)
            return self._top(self._vectors[rows] @ query, rows, k)
        wanted = np.fromiter(allowed, dtype=np.int64, count=len(allowed))
        mask = np.isin(self._keys[: self._size], wanted) & self._alive[: self._size]
        return self._exact_masked(query, k, mask)

    def _exact_masked(self, query, k, mask: np.ndarray) -> list[tuple[int, float]]:
        scores = self._vectors[: self._size] @ query
        scores[~mask] = -np.inf
        return self._top(scores, np.arange(self._size), k)

    def _top(self, scores: np.ndarray, rows: np.ndarray, k: int) -> list[tuple[int, float]]:
        k = min(k, int(np.isfinite(scores).sum()))
        if k <= 0:
            return []
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(self._keys[rows[i]]), float(scores[i])) for i in best]

    def _rows_of(self, keys: set[int]) -> np.ndarray:
        rows = [self._rows[key] for key in keys if key in self._rows]
        return np.asarray(rows, dtype=np.int64)

    def _ann(self, query: np.ndarray, k: int, allowed: set[int] | None) -> list[tuple[int, float]]:
        index = self._current_index()
        fetch = k if allowed is None else k * math.ceil(2 * len(self) / max(1, len(allowed)))
        for _ in range(ANN_OVERFETCH_ROUNDS):
            hits = _hits(index.search(query, min(fetch, len(index))), allowed)
            if allowed is None or len(hits) >= k or fetch >= len(index):
                break
            fetch *= 4
        return hits[:k]

    # -- HNSW maintenance ----------------------------------------------------------------

    def _current_index(self) -> Any:
        if self._index is None or self._index_removed > REBUILD_AFTER_REMOVED * len(self):
            self._index = self._build_index()
            self._index_removed = 0
        return self._index

    def _new_index(self) -> Any:
        from usearch.index import Index

        return Index(
            ndim=self.dim, metric="cos", dtype="f32",
            connectivity=self.hnsw.connectivity,
            expansion_add=self.hnsw.expansion_add,
            expansion_search=self.hnsw.expansion_search,
        )

    def _build_index(self) -> Any:
        index = self._new_index()
        live = self._alive[: self._size]
        if live.any():
            keys = self._keys[: self._size][live].astype(np.uint64)
            index.add(keys, self._vectors[: self._size][live])
        return index

    def _index_update(self, keys: np.ndarray, vectors: np.ndarray, replaced: list[int]) -> None:
        if self._index is None:
            return
        self._index_remove(replaced)
        self._index.add(keys.astype(np.uint64), vectors)

    def _index_remove(self, keys: list[int]) -> None:
        if self._index is None or not keys:
            return
        self._index.remove(np.asarray(keys, dtype=np.uint64))
        self._index_removed += len(keys)

    # -- rows ----------------------------------------------------------------------------

    def _reset_rows(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        self._keys, self._vectors = keys, vectors
        self._size = len(keys)
        self._alive = np.ones(len(keys), dtype=bool)
        self._rows = {key: row for row, key in enumerate(keys.tolist())}

    def _write_rows(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        new = [i for i, key in enumerate(keys.tolist()) if key not in self._rows]
        for i, key in enumerate(keys.tolist()):
            if key in self._rows:
                self._vectors[self._rows[key]] = vectors[i]
        self._append(keys[new], vectors[new])

    def _append(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        start, end = self._size, self._size + len(keys)
        self._grow(end)
        self._keys[start:end], self._vectors[start:end] = keys, vectors
        self._alive[start:end] = True
        self._rows.update(zip(keys.tolist(), range(start, end), strict=True))
        self._size = end

    def _grow(self, needed: int) -> None:
        capacity = len(self._keys)
        if needed <= capacity:
            return
        capacity = max(needed, 2 * capacity, 64)
        self._keys = _resized(self._keys, capacity)
        self._vectors = _resized(self._vectors, capacity)
        self._alive = _resized(self._alive, capacity)

    def _compact(self) -> None:
        live = self._alive[: self._size]
        if live.all() and len(self._keys) == self._size:
            return
        self._reset_rows(
            self._keys[: self._size][live].copy(), self._vectors[: self._size][live].copy()
        )

    def _as_vectors(self, vectors: Any, count: int) -> np.ndarray:
        array = np.asarray(vectors, dtype=np.float32)
        if array.ndim == 1:
            array = array.reshape(1, -1)
        if array.ndim != 2 or array.shape[1] != self.dim:
            raise VectorStoreError(
                f"expected vectors of dimension {self.dim} (model {self.model!r}), "
                f"got shape {np.shape(vectors)}"
            )
        if array.shape[0] != count:
            raise VectorStoreError(f"{count} keys but {array.shape[0]} vectors")
        if not np.isfinite(array).all():
            raise VectorStoreError("vectors contain NaN or infinity")
        return _normalise(array)

    # -- files ---------------------------------------------------------------------------

    def _write_generation(self, generation: int) -> dict[str, Any]:
        names = {"keys": f"keys.{generation}.npy", "vectors": f"vectors.{generation}.npy"}
        _atomic_write_array(self.directory / names["keys"], self._keys[: self._size])
        _atomic_write_array(self.directory / names["vectors"], self._vectors[: self._size])
        names["index"] = self._write_index(generation)
        return {
            "format_version": FORMAT_VERSION, "dim": self.dim, "model": self.model,
            "count": self._size, "generation": generation, "metric": "cos", "files": names,
        }

    def _write_index(self, generation: int) -> str | None:
        if self._index is None or len(self._index) != self._size:
            return None  # rebuilt lazily after load
        name = f"index.{generation}.usearch"
        temporary = self.directory / f"{name}.tmp"
        self._index.save(str(temporary))
        _fsync_file(temporary)
        os.replace(temporary, self.directory / name)
        return name

    def _load_generation(self, manifest: dict[str, Any]) -> None:
        files = manifest["files"]
        keys = _load_array(self.directory / files["keys"], np.int64, (manifest["count"],))
        shape = (manifest["count"], self.dim)
        vectors = _load_array(self.directory / files["vectors"], np.float32, shape)
        self._reset_rows(keys, vectors)
        self._generation = int(manifest["generation"])
        self._index = self._restore_index(files.get("index"))

    def _restore_index(self, name: str | None) -> Any:
        if not name:
            return None
        try:
            index = self._new_index()
            index.load(str(self.directory / name))
        except Exception:  # a damaged graph is only a cache: rebuild it when needed
            return None
        if index.ndim != self.dim or len(index) != self._size:
            return None
        return index

    def _remove_stale_files(self, manifest: dict[str, Any]) -> None:
        keep = {name for name in manifest["files"].values() if name}
        for path in self.directory.iterdir():
            if _GENERATION_FILE.match(path.name) and path.name not in keep:
                path.unlink(missing_ok=True)


def _hits(matches: Any, allowed: set[int] | None) -> list[tuple[int, float]]:
    pairs = zip(matches.keys.tolist(), matches.distances.tolist(), strict=True)
    return [(key, 1.0 - dist) for key, dist in pairs if allowed is None or key in allowed]


def _as_keys(keys: Any) -> np.ndarray:
    array = np.atleast_1d(np.asarray(keys))
    if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
        raise VectorStoreError(f"keys must be a flat sequence of integers, got {array.dtype}")
    if array.size and (array.min() < 0 or array.max() > np.iinfo(np.int64).max):
        raise VectorStoreError("keys must be between 0 and 2**63 - 1")
    return array.astype(np.int64)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1)).astype(np.float32, copy=False)


def _resized(array: np.ndarray, capacity: int) -> np.ndarray:
    grown = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[: len(array)] = array
    return grown


def _read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VectorStoreError(f"cannot read vector store manifest {path}: {exc}") from exc
    if manifest.get("format_version") != FORMAT_VERSION:
        raise VectorStoreError(
            f"vector store {directory} has format {manifest.get('format_version')!r}, "
            f"this version reads {FORMAT_VERSION}; rebuild the index"
        )
    return manifest


def _check_manifest(manifest: dict[str, Any], dim: int | None, model: str | None) -> None:
    if model is not None and manifest["model"] != model:
        raise VectorStoreError(
            f"vector store was built with model {manifest['model']!r} but the configured "
            f"model is {model!r}; rebuild the index"
        )
    if dim is not None and manifest["dim"] != dim:
        raise VectorStoreError(
            f"vector store has dimension {manifest['dim']} but the model gives {dim}; "
            "rebuild the index"
        )


def _load_array(path: Path, dtype: Any, shape: tuple[int, ...]) -> np.ndarray:
    try:
        array = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise VectorStoreError(f"cannot read {path}: {exc}") from exc
    if array.dtype != dtype or array.shape != shape:
        raise VectorStoreError(f"{path} holds {array.dtype}{array.shape}, expected {shape}")
    return array


def _atomic_write_array(path: Path, array: np.ndarray) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        np.save(handle, np.ascontiguousarray(array), allow_pickle=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
