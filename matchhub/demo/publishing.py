"""Publish demo listings through the workflow, so each has its submit/approve history."""

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.catalog import services
from matchhub.catalog.models import Transition
from matchhub.core.db_types import utcnow

APPROVAL_REASON = "演示数据自动审核通过"


def create_published(session: Session, author: User, reviewer: User, item_type: str,
                     data: dict, today: dt.date, source_note: str) -> services.Listing:
    """create_listing (the usual checks), submit by the author, approve by the reviewer."""
    item = services.create_listing(session, author, item_type, data, today, default_validity=365)
    item.is_demo, item.source_note = True, source_note
    services.transition(session, author, item, "submit", today)
    services.transition(session, reviewer, item, "approve", today, reason=APPROVAL_REASON)
    return item


def bulk_publish(session: Session, items: list[services.Listing], reviewer: User) -> None:
    """Insert built drafts as published in one flush, and write the same two Transition
    rows the workflow would (submit by the author, approve by the reviewer)."""
    now = utcnow()
    for item in items:
        item.status, item.published_at = "published", now
    session.add_all(items)
    session.flush()
    rows = []
    for item in items:
        rows.append(_row(item, "submit", "draft", "submitted", item.created_by_id, "", now))
        rows.append(_row(item, "approve", "submitted", "published", reviewer.id, APPROVAL_REASON,
                         now))
    session.execute(insert(Transition), rows)


def _row(item, action: str, source: str, target: str, actor_id: int, reason: str,
         at: dt.datetime) -> dict:
    return {"item_type": item.item_type, "item_id": item.id, "action": action,
            "from_status": source, "to_status": target, "actor_id": actor_id, "reason": reason,
            "at": at}
