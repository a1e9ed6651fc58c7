"""The indexer's command line (``matchhub indexer ...``, ``python -m indexer ...``): run the
outbox, rebuild, verify, status, requeue. The work itself is matchhub.search.indexing."""
