"""The search indexer: drains the change outbox and rebuilds indexes (see issue: indexer)."""
