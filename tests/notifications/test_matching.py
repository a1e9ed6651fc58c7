"""Own-item subscriptions go through the matching service's score; publication events
are read once."""

import datetime as dt

import pytest
from sqlalchemy import select

from matchhub.core.clock import today
from matchhub.notifications import services
from matchhub.notifications.matcher import collect_matches
from matchhub.notifications.models import PublishEvent, SubscriptionMatch
from matchhub.search import get_search_backend
from tests.matching.helpers import need
from tests.notifications.helpers import collect_and_digest, publish, submitted_achievement

# Subscriptions match what the search index holds, fed after commit.
pytestmark = pytest.mark.commits


def now():
    return dt.datetime.now(dt.UTC)


def test_a_need_owner_hears_of_a_matching_achievement(db_session):
    wanted = need()
    sub = services.subscribe_item(db_session, wanted.created_by, wanted, 0.5, 0.5)
    db_session.commit()
    item = publish(submitted_achievement(trl=7))
    assert collect_and_digest(today()) == 1
    match = db_session.scalars(select(SubscriptionMatch)).one()
    assert (match.subscription_id, match.item_id) == (sub.id, item.id)
    assert match.score >= 0.5


def test_the_threshold_applies_to_the_matching_score(db_session):
    wanted = need()
    services.subscribe_item(db_session, wanted.created_by, wanted, 1.0, 0.5)
    db_session.commit()
    publish(submitted_achievement(trl=2, region_code="110000"))
    assert collect_and_digest(today()) == 0
    assert db_session.scalars(select(SubscriptionMatch)).all() == []


def test_publication_events_are_processed_once(db_session):
    wanted = need()
    services.subscribe_item(db_session, wanted.created_by, wanted, 0.1, 0.5)
    db_session.commit()
    publish(submitted_achievement())
    event = db_session.scalars(select(PublishEvent)).one()
    assert collect_matches(db_session, get_search_backend(), today(), now()) == 1
    assert event.processed_at is not None
    assert collect_matches(db_session, get_search_backend(), today(), now()) == 0


def test_an_item_withdrawn_before_the_digest_is_left_out(db_session):
    from matchhub.catalog import services as catalog

    wanted = need()
    services.subscribe_item(db_session, wanted.created_by, wanted, 0.1, 0.5)
    db_session.commit()
    item = publish(submitted_achievement())
    collect_matches(db_session, get_search_backend(), today(), now())
    catalog.transition(db_session, item.created_by, item, "withdraw", today())
    db_session.commit()
    assert collect_and_digest(today()) == 0
    assert db_session.scalars(select(SubscriptionMatch)).one().skipped
