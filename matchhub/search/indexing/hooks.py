"""Keep the search index in step with the database.

When the session flushes, every changed searchable row gets an outbox row in the same
transaction (matchhub.search.indexing.models): it commits or rolls back with the change, so the
indexer (``python -m indexer run``) never misses one. After the commit the changed items
are also indexed at once (``SEARCH_INDEX_ON_COMMIT``) and their outbox rows cleared; a
crash in between leaves the rows for the indexer. Rows are re-read in a fresh session,
so the index sees exactly what was committed.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable

from flask import Flask, current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.search.backends import get_search_backend
from matchhub.search.backends.base import BaseSearchBackend
from matchhub.search.core.documents import SearchDocument, document_or_none
from matchhub.search.core.registry import spec_for, specs
from matchhub.search.indexing.locks import BaseIndexLocks, get_index_locks
from matchhub.search.indexing.outbox import clear_entries, record_changes

log = logging.getLogger(__name__)
PENDING = "matchhub_search_pending"
OUTBOX_IDS = "matchhub_search_outbox_ids"
Key = tuple[str, int]


def _collect(session: Session, _context) -> None:
    keys = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        spec = spec_for(obj)
        if spec is not None and obj.id is not None:
            keys.add((spec.item_type, obj.id))
    if keys:
        session.info.setdefault(PENDING, set()).update(keys)
        ids = record_changes(session.connection(), keys)
        session.info.setdefault(OUTBOX_IDS, []).extend(ids)


def _forget(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the outer transaction's changes still count (a re-read is free)
    session.info.pop(PENDING, None)
    session.info.pop(OUTBOX_IDS, None)


def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released: nothing is committed yet
    pending = session.info.pop(PENDING, None)
    ids = session.info.pop(OUTBOX_IDS, [])
    if not pending or not has_app_context() or not current_app.config["SEARCH_INDEX_ON_COMMIT"]:
        return
    reindex(pending, ids)


def with_dependents(session: Session, keys: Iterable[Key]) -> set[Key]:
    """The keys and the items whose documents carry what changed (``IndexSpec.follows``:
    an organisation's listings carry its name in the ``org`` field)."""
    found = set(keys)
    changed: dict[str, list[int]] = defaultdict(list)
    for item_type, item_id in sorted(found):
        changed[item_type].append(item_id)
    for spec in specs().values():
        for followed, ids_of in spec.follows.items():
            if changed.get(followed):
                rows = session.scalars(ids_of(changed[followed]))
                found |= {(spec.item_type, item_id) for item_id in rows}
    return found


def read_documents(session: Session, keys: Iterable[Key]) -> tuple[list[SearchDocument],
                                                                     list[Key]]:
    """Each key's document as the database has it now, or the key among those to delete.
    Rows load one query per type, their relationships one query each."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for item_type, item_id in sorted(set(keys)):
        wanted[item_type].append(item_id)
    documents, gone = [], []
    on_day = today()
    for item_type, ids in wanted.items():
        model = specs()[item_type].model
        rows = {row.id: row for row in session.scalars(
            select(model).where(model.id.in_(ids)).options(selectinload("*")))}
        for item_id in ids:
            row = rows.get(item_id)
            document = document_or_none(row, on_day) if row is not None else None
            if document is None:
                gone.append((item_type, item_id))
            else:
                documents.append(document)
    return documents, gone


def write_documents(backend: BaseSearchBackend, documents: list[SearchDocument],
                    gone: list[Key]) -> None:
    if documents:
        backend.add_bulk(documents)
    for item_type, item_id in gone:
        backend.delete(item_type, item_id)


def reindex(keys: set[Key], outbox_ids: list[int] = ()) -> None:
    """Index or delete each (item_type, id) as the database now has it, then clear the
    outbox rows that recorded these changes (kept while a rebuild runs: the indexer
    applies them to the new index)."""
    backend = get_search_backend()
    locks = get_index_locks(db.engine, current_app.config["DATA_DIR"])
    with Session(db.engine) as session:
        _apply_and_clear(session, backend, locks, with_dependents(session, keys), outbox_ids)


def _apply_and_clear(session: Session, backend: BaseSearchBackend, locks: BaseIndexLocks,
                     keys: set[Key], outbox_ids: list[int]) -> None:
    with locks.changes(session, keys, wait=True) as grant:
        try:
            write_documents(backend, *read_documents(session, keys))
        except Exception:
            if not getattr(backend, "swallow_errors", False):
                raise
            log.exception("search index update failed; the indexer will apply it")
            return
        if grant.gate_open:
            clear_entries(session, list(outbox_ids))
        session.commit()


def init_app(app: Flask) -> None:
    if not event.contains(Session, "after_flush", _collect):
        event.listen(Session, "after_flush", _collect)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _forget)
