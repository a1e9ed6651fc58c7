"""The Elasticsearch backend (8.x and 9.x servers, the official client imported lazily):
reports enabled() False when the ``elasticsearch`` package is missing."""

from matchhub.search.backends.elasticsearch.backend import ElasticsearchSearchBackend

SearchBackend = ElasticsearchSearchBackend

__all__ = ["ElasticsearchSearchBackend", "SearchBackend"]
