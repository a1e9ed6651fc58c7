"""The indexer's settings, read strictly from the app config (``INDEXER_*``)."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from matchhub.core.settings import parse_int


@dataclass(frozen=True)
class IndexerSettings:
    batch_size: int = 500
    poll_seconds: float = 1.0
    retry_base_seconds: float = 2.0
    retry_max_seconds: float = 600.0
    max_attempts: int = 8
    rebuild_batch: int = 1000
    rebuild_workers: int = 1
    batch_pause_seconds: float = 0.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "IndexerSettings":
        def number(key: str, minimum: int = 0) -> int:
            return parse_int(config.get(key, 0), key, minimum)

        return cls(
            batch_size=number("INDEXER_BATCH_SIZE", 1),
            poll_seconds=number("INDEXER_POLL_MS", 1) / 1000,
            retry_base_seconds=number("INDEXER_RETRY_BASE_MS") / 1000,
            retry_max_seconds=number("INDEXER_RETRY_MAX_MS") / 1000,
            max_attempts=number("INDEXER_MAX_ATTEMPTS", 1),
            rebuild_batch=number("INDEXER_REBUILD_BATCH", 1),
            rebuild_workers=number("INDEXER_REBUILD_WORKERS") or os.cpu_count() or 1,
            batch_pause_seconds=number("INDEXER_BATCH_PAUSE_MS") / 1000,
        )

    def backoff(self, attempts: int) -> float:
        """Seconds before attempt ``attempts + 1``: base, 2 × base, 4 × base, ... capped."""
        return min(self.retry_max_seconds, self.retry_base_seconds * 2 ** (attempts - 1))
