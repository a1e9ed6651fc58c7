"""Public list pages kept as rendered JSON, per process, until the list changes.

A key holds the item type, the list's change version (``catalog.counters.list_version``,
raised by database triggers on every change a list shows), today's date (items leave
the lists after their end date) and the query arguments. A page is therefore served
from the cache only while nothing it shows can have changed, in every worker at once.
The cache is bounded by the bytes it holds (``LIST_CACHE_BYTES``; 0 turns it off).
"""

import threading
from collections.abc import Callable, Hashable

from cachetools import LRUCache
from flask import Flask, Response, current_app

EXTENSION = "matchhub.list_cache"


class PageCache:
    def __init__(self, max_bytes: int):
        self._pages: LRUCache | None = LRUCache(max_bytes, getsizeof=len) if max_bytes else None
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], bytes]) -> bytes:
        if self._pages is None:
            return build()
        with self._lock:
            body = self._pages.get(key)
        if body is None:
            body = build()
            if len(body) <= self._pages.maxsize:
                with self._lock:
                    self._pages[key] = body
        return body


    def clear(self) -> None:
        if self._pages is not None:
            with self._lock:
                self._pages.clear()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = PageCache(app.config["LIST_CACHE_BYTES"])


def cached_json(key: Hashable, build: Callable[[], object]) -> Response:
    """The JSON response for ``key``, built by dumping ``build()`` when not cached."""
    app = current_app

    def render() -> bytes:
        return app.json.dumps(build()).encode()

    body = app.extensions[EXTENSION].get_or_build(key, render)
    return app.response_class(body, mimetype=app.json.mimetype)
