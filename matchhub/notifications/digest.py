"""At most one digest a day per subscription: the matches not yet reported become one
in-app notification and one queued email."""

import datetime as dt
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from matchhub.catalog.services import MODELS
from matchhub.catalog.workflow import effective_status
from matchhub.notifications import links
from matchhub.notifications.emails import DigestLine, digest_email, digest_subject
from matchhub.notifications.models import Notification, Subscription, SubscriptionMatch
from matchhub.notifications.preferences import wanted


def _not_today(today: dt.date):
    return or_(Subscription.last_digest_on.is_(None), Subscription.last_digest_on < today)


def due_subscriptions(session: Session, today: dt.date) -> list[Subscription]:
    """Active subscriptions with unreported matches and no digest yet today."""
    waiting = select(SubscriptionMatch.subscription_id).where(
        SubscriptionMatch.notified_on.is_(None), SubscriptionMatch.skipped.is_(False))
    return list(session.scalars(select(Subscription).where(
        Subscription.active, _not_today(today), Subscription.id.in_(waiting))
        .order_by(Subscription.id)))


def claim_day(session: Session, sub: Subscription, today: dt.date) -> bool:
    """Take today's digest for the subscription; False when another run already has."""
    result = session.execute(
        update(Subscription).where(Subscription.id == sub.id, _not_today(today))
        .values(last_digest_on=today).execution_options(synchronize_session=False))
    session.refresh(sub, ["last_digest_on"])
    return result.rowcount == 1


def _public_matches(session: Session, sub: Subscription,
                    today: dt.date) -> list[tuple[SubscriptionMatch, Any]]:
    """Unreported matches still public, best first; the others are marked skipped."""
    pending = session.scalars(select(SubscriptionMatch).where(
        SubscriptionMatch.subscription_id == sub.id, SubscriptionMatch.notified_on.is_(None),
        SubscriptionMatch.skipped.is_(False)).order_by(SubscriptionMatch.score.desc(),
                                                       SubscriptionMatch.id))
    found = []
    for match in pending:
        row = session.get(MODELS[match.item_type], match.item_id)
        if row is None or effective_status(row, today) != "published":
            match.skipped = True
        else:
            found.append((match, row))
    return found


def _notification(sub: Subscription, lines: list[DigestLine], shown: int) -> Notification:
    titles = "；".join(line.row.title for line in lines[:shown])
    first: Any = lines[0].row
    link = (links.item_path(first.item_type, first.id) if len(lines) == 1
            else links.notification_list_path())
    return Notification(user_id=sub.user_id, kind="digest", subscription_id=sub.id,
                        title=digest_subject(sub, len(lines)), body=titles, link=link)


def build_digest(session: Session, sub: Subscription, today: dt.date, shown: int) -> bool:
    found = _public_matches(session, sub, today)
    if not found or not claim_day(session, sub, today):
        return False
    for match, _row in found:
        match.notified_on = today
    lines = [DigestLine(row, match.score) for match, row in found]
    in_app, by_email = wanted(session, sub.user_id, "digest")
    if in_app:
        session.add(_notification(sub, lines, shown))
    if by_email:
        session.add(digest_email(sub, lines[:shown], max(0, len(lines) - shown)))
    session.flush()
    return True


def build_digests(session: Session, today: dt.date, shown: int) -> int:
    """One digest for each due subscription; the number built."""
    due = due_subscriptions(session, today)
    return sum(build_digest(session, sub, today, shown) for sub in due)
