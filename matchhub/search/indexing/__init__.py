"""Keeping the index in step with the database: after-commit indexing (``hooks``), the
outbox and its model, locks, and the rebuild, drain and verify runs that ``indexer/``
(the command line) and the search commands call."""
