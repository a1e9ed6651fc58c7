"""Keep the search index in step with the database: collect changed rows when the session
flushes, index them once the transaction commits (after Warehouse's search tasks).

Rows are re-read in a fresh session after the commit, so the index sees exactly what
was committed; a rolled-back transaction indexes nothing. The outbox of the indexer
issue makes this crash-proof; this hook makes changes searchable at once.
"""

import logging

from flask import Flask, current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from matchhub.catalog.workflow import today
from matchhub.extensions import db
from matchhub.search import get_search_backend
from matchhub.search.documents import document_or_none, spec_for, specs

log = logging.getLogger(__name__)
PENDING = "matchhub_search_pending"


def _collect(session: Session, _context) -> None:
    pending = session.info.setdefault(PENDING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        spec = spec_for(obj)
        if spec is not None and obj.id is not None:
            pending.add((spec.item_type, obj.id))


def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)


def _after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending or not has_app_context() or not current_app.config["SEARCH_INDEX_ON_COMMIT"]:
        return
    reindex(pending)


def with_dependents(session: Session, keys: set[tuple[str, int]]) -> set[tuple[str, int]]:
    """An organisation's listings carry its name (the ``org`` field): reindex them too."""
    org_ids = [item_id for item_type, item_id in keys if item_type == "organisation"]
    if not org_ids:
        return keys
    found = set(keys)
    for spec in (specs()["achievement"], specs()["need"]):
        model = spec.model
        rows = session.scalars(select(model.id).where(model.owner_org_id.in_(org_ids)))
        found |= {(spec.item_type, item_id) for item_id in rows}
    return found


def reindex(keys: set[tuple[str, int]]) -> None:
    """Index or delete each (item_type, id) as the database now has it."""
    backend = get_search_backend()
    with Session(db.engine) as session:
        documents, gone = [], []
        for item_type, item_id in sorted(with_dependents(session, keys)):
            row = session.get(specs()[item_type].model, item_id)
            document = document_or_none(row, today()) if row is not None else None
            if document is None:
                gone.append((item_type, item_id))
            else:
                documents.append(document)
        _apply(backend, documents, gone)


def _apply(backend, documents, gone) -> None:
    try:
        if documents:
            backend.add_bulk(documents)
        for item_type, item_id in gone:
            backend.delete(item_type, item_id)
    except Exception:
        if not getattr(backend, "swallow_errors", False):
            raise
        log.exception("search index update failed; the indexer will repair it")


def init_app(app: Flask) -> None:
    if not event.contains(Session, "after_flush", _collect):
        event.listen(Session, "after_flush", _collect)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _forget)
