"""``indexer verify``: compare the database with the index, per type and status and per
document (content checksums), and optionally repair what differs."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from more_itertools import chunked
from sqlalchemy.orm import Session

from matchhub.core.clock import today
from matchhub.search.backends.base import BaseSearchBackend
from matchhub.search.core.documents import content_checksum, document_or_none
from matchhub.search.core.registry import spec_for
from matchhub.search.indexing.drain import apply_keys
from matchhub.search.indexing.locks import BaseIndexLocks
from matchhub.search.indexing.rebuild import stream_rows

Key = tuple[str, int]
REPAIR_BATCH = 500


@dataclass
class TypeCounts:
    by_status: Counter = field(default_factory=Counter)  # database rows
    expected: int = 0  # of them, public: should be indexed
    indexed: int = 0


@dataclass
class VerifyReport:
    counts: dict[str, TypeCounts]
    missing: list[Key]  # public in the database, absent from the index
    stale: list[Key]  # indexed with other content than the database has
    extra: list[Key]  # indexed but not public (or gone) in the database

    @property
    def differences(self) -> list[Key]:
        return sorted({*self.missing, *self.stale, *self.extra})

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def _status(row, public: bool, on_day: dt.date) -> str:
    spec = spec_for(row)
    if spec is not None and spec.status is not None:
        return spec.status(row, on_day)
    return "listed" if public else "unlisted"


def expected_checksums(session: Session, on_day: dt.date,
                       counts: dict[str, TypeCounts]) -> dict[Key, str]:
    expected = {}
    for item_type, row in stream_rows(session):
        document = document_or_none(row, on_day)
        counts[item_type].by_status[_status(row, document is not None, on_day)] += 1
        if document is not None:
            expected[(item_type, row.id)] = content_checksum(document)
            counts[item_type].expected += 1
    return expected


def verify(session: Session, backend: BaseSearchBackend) -> VerifyReport:
    counts: dict[str, TypeCounts] = defaultdict(TypeCounts)
    expected = expected_checksums(session, today(), counts)
    indexed = backend.indexed_checksums()
    for item_type, _ in indexed:
        counts[item_type].indexed += 1
    missing = sorted(expected.keys() - indexed.keys())
    extra = sorted(indexed.keys() - expected.keys())
    stale = sorted(k for k in expected.keys() & indexed.keys() if expected[k] != indexed[k])
    return VerifyReport(dict(counts), missing, stale, extra)


def repair(session: Session, backend: BaseSearchBackend, locks: BaseIndexLocks,
           keys: list[Key]) -> dict[Key, str]:
    """Re-apply each key as the database has it (under the item locks); the errors."""
    errors: dict[Key, str] = {}
    for chunk in chunked(keys, REPAIR_BATCH):
        with locks.changes(session, set(chunk), wait=True):
            errors |= apply_keys(session, backend, set(chunk))
            session.commit()
    backend.refresh_indexes()
    return errors
