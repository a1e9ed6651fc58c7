"""The default search backend: tantivy on disk, in process, no server."""

from matchhub.search.backends.embedded.backend import EmbeddedSearchBackend

SearchBackend = EmbeddedSearchBackend

__all__ = ["EmbeddedSearchBackend", "SearchBackend"]
