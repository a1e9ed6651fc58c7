"""Document frequencies of query tokens, for pruning the very frequent ones as the embedded
backend does (``analysed.ranking_tokens``: in indexes of at least PRUNE_FROM_DOCUMENTS
documents, tokens found in more than MAX_DF_RATIO of them neither rank nor count towards
the minimum-should-match).

Where the frequencies come from: the term vectors API (``termvectors``) with an artificial
document holding every query token in every search field and ``term_statistics: true``.
Its answer carries each term's ``doc_freq`` per field and, with ``field_statistics``, each
field's ``doc_count``. Chosen over the alternatives because:

- it reads ``doc_freq`` from each field's term dictionary, one seek per term, so its cost
  does not grow with the frequency of a token; the tokens worth pruning are the ones with
  the longest posting lists, which a ``count`` or a ``filters`` aggregation per token
  would have to walk (a disjunction over four fields gets no constant-time count);
- all tokens and fields take one request, where ``count`` would take one per token.

Its limits, accepted for a pruning threshold: the statistics are one shard's (the shard
the artificial document is sent to; the index has one shard unless SHARDS says otherwise,
and ids spread documents evenly, so one shard's share estimates the index's); deleted
documents count until their segments merge; and they are per field, so a token's share is
taken as its largest share over the search fields (``doc_freq`` over the largest field
``doc_count``, the shard's documents with text), a lower bound of the share of documents
holding it in any field, which the embedded backend's single text field counts.

Shares are cached in-process (``ShareCache``: cachetools' bounded LRU with a short TTL),
so most queries cost no extra round trip; the index's document count (to apply pruning
only in large indexes) is cached the same way.

These requests are written against the client's API (``Elasticsearch.termvectors``) and
unit-tested over responses in the documented shape; they have not run against a server
here.
"""

import threading
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from cachetools import TTLCache

CACHE_SIZE = 20_000  # cached entries (tokens and document counts) per process
CACHE_TTL = 60.0  # seconds an entry is used before it is looked up again


def termvectors_request(tokens: Sequence[str], fields: Sequence[str]) -> dict[str, Any]:
    """Keyword arguments of ``client.termvectors`` (besides ``index``): an artificial
    document with every token in every field (the fields split on whitespace only), asking
    for term and field statistics and nothing else."""
    text = " ".join(tokens)
    return {"doc": dict.fromkeys(fields, text), "fields": list(fields),
            "term_statistics": True, "field_statistics": True,
            "positions": False, "offsets": False, "payloads": False}


def shares(response: dict[str, Any], tokens: Iterable[str]) -> dict[str, float]:
    """Each token's share of documents from a term vectors response: its largest
    ``doc_freq`` over the fields divided by the largest field ``doc_count``; 0 for a token
    no field holds (the server leaves its statistics out or sends 0)."""
    vectors = response.get("term_vectors") or {}
    documents = max((int((field.get("field_statistics") or {}).get("doc_count", 0) or 0)
                     for field in vectors.values()), default=0)
    found = dict.fromkeys(tokens, 0)
    for field in vectors.values():
        for term, statistics in (field.get("terms") or {}).items():
            if term in found:
                found[term] = max(found[term], int(statistics.get("doc_freq", 0) or 0))
    if documents <= 0:
        return dict.fromkeys(found, 0.0)
    return {token: min(1.0, count / documents) for token, count in found.items()}


class ShareCache:
    """Cached values that expire ``ttl`` seconds after they were stored, the least recently
    used dropped beyond ``size`` (cachetools' TTLCache), behind a lock: request threads
    share one backend."""

    def __init__(self, size: int = CACHE_SIZE, ttl: float = CACHE_TTL,
                 clock: Callable[[], float] = time.monotonic):
        self._entries: TTLCache = TTLCache(maxsize=size, ttl=ttl, timer=clock)
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._entries[key] = value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value


def token_shares(tokens: Sequence[str], cache: ShareCache, scope: Hashable,
                 fetch: Callable[[list[str]], dict[str, float]]) -> dict[str, float]:
    """The share of every token: cached ones from ``cache`` (under ``scope``, the index),
    the others by one ``fetch`` of all of them, then cached."""
    found: dict[str, float] = {}
    missing: list[str] = []
    for token in dict.fromkeys(tokens):
        share = cache.get((scope, "share", token))
        if share is None:
            missing.append(token)
        else:
            found[token] = share
    if missing:
        fetched = fetch(missing)
        for token in missing:
            found[token] = float(fetched.get(token, 0.0))
            cache.put((scope, "share", token), found[token])
    return found
