"""Public list pages kept as rendered JSON, per process, until the list changes.

A key holds the item type, the list's change version (``catalog.counters.list_version``,
raised by database triggers on every change a list shows), today's date (items leave
the lists after their end date) and the query arguments (``LIST_CACHE_BYTES``).
"""

from collections.abc import Callable, Hashable

from flask import Flask, Response

from matchhub.core import response_cache

EXTENSION = "matchhub.list_cache"


def init_app(app: Flask) -> None:
    response_cache.init_cache(app, EXTENSION, app.config["LIST_CACHE_BYTES"])


def cached_json(key: Hashable, build: Callable[[], object]) -> Response:
    return response_cache.cached_json(EXTENSION, key, build)
