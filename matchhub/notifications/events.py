"""Record each approval (publication) in the transaction that makes it: the matcher reads
these ``PublishEvent`` rows later, so no published item is missed or read twice."""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from matchhub.catalog.models import Transition
from matchhub.notifications.models import PublishEvent

PUBLISHING_ACTIONS = frozenset({"approve"})


def _record_publications(session: Session, _context, _instances) -> None:
    for obj in list(session.new):
        if (isinstance(obj, Transition) and obj.action in PUBLISHING_ACTIONS
                and obj.to_status == "published"):
            session.add(PublishEvent(item_type=obj.item_type, item_id=obj.item_id))


def init_app(app: Flask) -> None:
    if not event.contains(Session, "before_flush", _record_publications):
        event.listen(Session, "before_flush", _record_publications)
