"""Rendered JSON responses kept per process, each under a key that holds everything the
response depends on, so that an entry is served only while nothing it shows can have
changed (the catalogue's public list pages, the search API).

Each cache is bounded by the bytes it holds; a size of 0 turns it off.
"""

import threading
from collections.abc import Callable, Hashable

from cachetools import LRUCache
from flask import Flask, Response, current_app


class ResponseCache:
    def __init__(self, max_bytes: int):
        self._bodies: LRUCache | None = LRUCache(max_bytes, getsizeof=len) if max_bytes else None
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], bytes]) -> bytes:
        if self._bodies is None:
            return build()
        with self._lock:
            body = self._bodies.get(key)
        if body is None:
            body = build()
            if len(body) <= self._bodies.maxsize:
                with self._lock:
                    self._bodies[key] = body
        return body

    def clear(self) -> None:
        if self._bodies is not None:
            with self._lock:
                self._bodies.clear()


def init_cache(app: Flask, name: str, max_bytes: int) -> None:
    app.extensions[name] = ResponseCache(max_bytes)


def cached_json(name: str, key: Hashable, build: Callable[[], object]) -> Response:
    """The JSON response for ``key`` from the cache ``name``, built by dumping ``build()``
    when not cached."""
    app = current_app

    def render() -> bytes:
        return app.json.dumps(build()).encode()

    body = app.extensions[name].get_or_build(key, render)
    return app.response_class(body, mimetype=app.json.mimetype)


def clear_caches(app: Flask, *names: str) -> None:
    for name in names:
        if name in app.extensions:
            app.extensions[name].clear()
