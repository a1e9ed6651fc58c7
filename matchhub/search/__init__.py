"""Search: what people find on the search pages, the API and in matches.

Search owns the analysis of Chinese text, the index of every searchable kind, the
backends that hold it, keeping it in step with the database, and the search pages.
Features tell search what is searchable: each feature's ``search.py`` declares its index
specs and registers them from its ``init_app``; nothing in search imports a feature
outside ``web``.

Sub-packages, bottom up:

- ``core``: analysis (jieba), query objects, field declarations and the spec registry,
  documents, fusion, filters, neighbour smoothing, explanations; imports matchhub.core only.
- ``backends``: the backend interface and the null, embedded (tantivy, with its vector
  store) and Elasticsearch backends; ``get_search_backend`` picks one by name.
- ``indexing``: indexing after commit, the outbox, locks, rebuild, drain and verify
  (``indexer/`` is their command line).
- ``web``: the search page, API, admin page and commands (top layer: may load features'
  rows).
"""

from flask import Flask

from matchhub.search import backends
from matchhub.search.backends import InvalidSearchBackendError, get_search_backend
from matchhub.search.indexing import hooks

__all__ = ["InvalidSearchBackendError", "get_search_backend", "init_app"]


def init_app(app: Flask) -> None:
    """Check the backend settings against the registered specs, load the default backend
    and index changes after each commit. Features register their specs before this."""
    backends.init_app(app)
    hooks.init_app(app)
