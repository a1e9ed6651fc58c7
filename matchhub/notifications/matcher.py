"""Turn publications into pending matches: every active subscription is evaluated against
the items published since the last run (the unprocessed ``PublishEvent`` rows)."""

import datetime as dt
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.catalog.services import MODELS
from matchhub.catalog.workflow import effective_status
from matchhub.core.errors import ValidationFailed
from matchhub.matching.candidates import OPPOSITE
from matchhub.notifications.item_match import item_matches
from matchhub.notifications.models import PublishEvent, Subscription, SubscriptionMatch
from matchhub.notifications.search_match import search_matches
from matchhub.search.backends.base import BaseSearchBackend

log = logging.getLogger(__name__)
BATCH = 1000  # publish events read per pass


def new_public_rows(session: Session, events: list[PublishEvent],
                    today: dt.date) -> dict[str, dict[int, Any]]:
    """item type -> {id: row} of the events' items that are public now."""
    found: dict[str, dict[int, Any]] = {"achievement": {}, "need": {}}
    for event in events:
        row = session.get(MODELS[event.item_type], event.item_id)
        if row is not None and effective_status(row, today) == "published":
            found[event.item_type][row.id] = row
    return found


def _is_others(user: User, row: Any) -> bool:
    """Never report a user's own (or their organisation's) listings back to them."""
    return row.created_by_id != user.id and (user.org_id is None
                                             or row.owner_org_id != user.org_id)


def evaluate(session: Session, backend: BaseSearchBackend, sub: Subscription,
             new: dict[str, dict[int, Any]], today: dt.date) -> list[tuple[Any, float]]:
    """(row, score) of the new items that reach the subscription's threshold."""
    if sub.kind == "saved_search":
        try:
            found = search_matches(backend, sub, new[sub.item_type], today)
        except ValidationFailed:  # saved filters a vocabulary change made invalid
            log.warning("subscription %s has invalid filters; skipped", sub.id)
            return []
    else:
        found = item_matches(session, backend, sub, new[OPPOSITE[sub.item_type]], today)
    return [(row, score) for row, score in found
            if score >= sub.threshold and _is_others(sub.user, row)]


def _record(session: Session, sub: Subscription, found: list[tuple[Any, float]]) -> int:
    known = set(session.execute(select(SubscriptionMatch.item_type, SubscriptionMatch.item_id)
                                .where(SubscriptionMatch.subscription_id == sub.id)).all())
    added = 0
    for row, score in found:
        if (row.item_type, row.id) not in known:
            session.add(SubscriptionMatch(subscription_id=sub.id, item_type=row.item_type,
                                          item_id=row.id, score=score))
            known.add((row.item_type, row.id))
            added += 1
    return added


def active_subscriptions(session: Session) -> list[Subscription]:
    return list(session.scalars(
        select(Subscription).join(User, Subscription.user_id == User.id)
        .where(Subscription.active, User.active).order_by(Subscription.id)))


def collect_matches(session: Session, backend: BaseSearchBackend, today: dt.date,
                    now: dt.datetime) -> int:
    """Record the matches of everything published since the last run; the number added."""
    added = 0
    while events := list(session.scalars(
            select(PublishEvent).where(PublishEvent.processed_at.is_(None))
            .order_by(PublishEvent.id).limit(BATCH))):
        new = new_public_rows(session, events, today)
        if new["achievement"] or new["need"]:
            for sub in active_subscriptions(session):
                added += _record(session, sub, evaluate(session, backend, sub, new, today))
        for event in events:
            event.processed_at = now
        session.flush()
    return added
