"""Neighbour smoothing of a ranking (the cluster hypothesis), bounded to the top hits.

Papers that share a topic resemble each other even where one of them does not use the
query's words. So the first ``pool`` hits of the lexical ranking are re-scored: each
hit's score gets ``weight`` times the similarity-weighted mean score of its ``neighbours``
most similar hits among the first ``sources`` (its own score excluded). Only the order
inside the pool changes, so pages past the pool continue the plain ranking.

Similarity is the cosine of term profiles: each document's words and character bigrams
(counted once per field) stored at index time as hashed ids with counts, weighted
(1 + ln tf) x idf, where idf is taken over the pool itself, ln((P + 1) / df). That needs
no collection statistics at query time, so the cost is fixed by ``pool`` whatever the
index size (figures: bench/search_settings.txt).
"""

import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

_ID = np.dtype("<u4")
_COUNT = np.dtype("u1")
T = TypeVar("T")


@dataclass(frozen=True)
class NeighbourSmoothing:
    weight: float = 0.6  # 0 switches smoothing off
    pool: int = 100  # hits re-scored
    sources: int = 20  # hits whose scores are passed on
    neighbours: int = 5  # most similar sources per hit

    @classmethod
    def from_params(cls, params: dict[str, Any] | None) -> "NeighbourSmoothing":
        params = params or {}
        return cls(weight=float(params.get("WEIGHT", cls.weight)),
                   pool=int(params.get("POOL", cls.pool)),
                   sources=int(params.get("SOURCES", cls.sources)),
                   neighbours=int(params.get("NEIGHBOURS", cls.neighbours)))

    @property
    def enabled(self) -> bool:
        return self.weight > 0 and self.pool > 1 and self.sources > 0 and self.neighbours > 0


def encode_profile(tokens: Iterable[str]) -> bytes:
    """The tokens a profile keeps, all but single characters (words, bigrams, Latin runs),
    as distinct crc32 ids (little-endian uint32) followed by their counts (uint8, capped).
    Built with ``array``, not numpy: a third cheaper for a few hundred terms, which
    matters once per document of a million-item build."""
    counts = Counter(t for t in tokens if len(t) > 1)
    ids = array("I", [zlib.crc32(t.encode("utf-8")) for t in counts])
    if sys.byteorder != "little":
        ids.byteswap()
    return ids.tobytes() + bytes(n if n < 255 else 255 for n in counts.values())


def fields_profile(mixed_texts: Iterable[str]) -> bytes:
    """The profile of a document from its fields' mixed texts (space-separated tokens,
    ``analysis.mixed_text``), each field once: the profile describes the content, not the
    field weights. Both backends store this."""
    return encode_profile(t for text in mixed_texts for t in text.split())


def decode_profile(data: bytes | None) -> tuple[np.ndarray, np.ndarray]:
    """(term ids, counts) of an encoded profile; empty arrays for none."""
    size = len(data or b"") // (_ID.itemsize + _COUNT.itemsize)
    if not size:
        return np.empty(0, _ID), np.empty(0, _COUNT)
    ids = np.frombuffer(data, dtype=_ID, count=size)
    return ids, np.frombuffer(data, dtype=_COUNT, count=size, offset=size * _ID.itemsize)


def _unit_rows(profiles: Sequence[bytes | None], sources: int) -> np.ndarray:
    """The pool's profiles as L2-normalised rows of (1 + ln tf) x pool idf, over the terms
    found in at least two profiles, one of them among the first ``sources`` (the others
    cannot add to a similarity with a source)."""
    decoded = [decode_profile(p) for p in profiles]
    rows = np.repeat(np.arange(len(decoded)), [len(ids) for ids, _ in decoded])
    if not len(rows):
        return np.zeros((len(decoded), 0), dtype=np.float32)
    terms, cols = np.unique(np.concatenate([ids for ids, _ in decoded]), return_inverse=True)
    df = np.bincount(cols, minlength=len(terms))
    tf = np.concatenate([counts for _, counts in decoded]).astype(np.float32)
    values = (1 + np.log(tf)) * np.log((len(decoded) + 1) / df[cols]).astype(np.float32)
    norms = np.sqrt(np.bincount(rows, weights=values**2, minlength=len(decoded)))
    in_sources = np.bincount(cols[rows < sources], minlength=len(terms)) > 0
    useful = (df > 1) & in_sources
    shared = useful[cols]
    column = np.cumsum(useful) - 1  # term -> column among the useful terms
    matrix = np.zeros((len(decoded), int(column[-1]) + 1), dtype=np.float32)
    matrix[rows[shared], column[cols[shared]]] = values[shared]
    return matrix / np.maximum(norms, 1e-9)[:, None].astype(np.float32)


def smooth(scores: Sequence[float], profiles: Sequence[bytes | None],
           settings: NeighbourSmoothing) -> tuple[np.ndarray, np.ndarray]:
    """(order, new scores) of hits ranked by ``scores`` (descending) with their profiles;
    ``order`` lists hit positions best first. Scores keep the scale of the input."""
    base = np.asarray(scores, dtype=np.float32)
    top = float(base[0]) if len(base) and base[0] > 0 else 1.0
    relative = base / top
    sources = min(settings.sources, len(base))
    matrix = _unit_rows(profiles, sources)
    # hit x source; einsum, not BLAS: a product this small loses more to BLAS threads
    # waking up on a busy server than it gains
    similar = np.einsum("ij,kj->ik", matrix, matrix[:sources])
    similar[np.arange(sources), np.arange(sources)] = 0.0
    if sources > settings.neighbours:
        cut = -np.partition(-similar, settings.neighbours - 1, axis=1)[:, settings.neighbours - 1]
        similar = np.where(similar >= cut[:, None], similar, 0.0)
    passed = (similar @ relative[:sources]) / np.maximum(similar.sum(axis=1), 1e-9)
    new = (relative + settings.weight * passed) * top
    order = np.argsort(-new, kind="stable")
    return order, new


def smoothed_ranking(items: Sequence[T], scores: Sequence[float],
                     profiles_of: Callable[[Sequence[T]], Sequence[bytes | None]],
                     settings: NeighbourSmoothing) -> list[tuple[float, T]]:
    """(score, item) best first for ``items`` ranked best first with their ``scores``: the
    first ``settings.pool`` re-ordered and re-scored by ``smooth`` (``profiles_of`` reads
    the profiles of those items only), the rest as they were. What both backends do with
    their hits, whatever a hit is to them."""
    ranked = [(float(score), item) for score, item in zip(scores, items, strict=True)]
    if not settings.enabled:
        return ranked
    pool = ranked[: settings.pool]
    if len(pool) > 1:
        order, new = smooth([score for score, _ in pool],
                            profiles_of([item for _, item in pool]), settings)
        pool = [(float(new[i]), pool[i][1]) for i in order]
    return pool + ranked[settings.pool :]
