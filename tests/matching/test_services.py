"""Ranking and exclusions of two-way matching through the real search layer."""

import datetime as dt
from decimal import Decimal

import pytest

from matchhub.catalog import services as catalog
from matchhub.core.clock import today
from matchhub.core.errors import PermissionDenied
from matchhub.core.extensions import db
from matchhub.matching.broker import broker_pairs
from matchhub.matching.feedback import mark_not_relevant
from matchhub.matching.services import matches_for
from matchhub.search import get_search_backend
from tests.factories import BrokerFactory, OrganisationFactory, UserFactory
from tests.matching.helpers import achievement, expired_achievement, need


def match_ids(user, item):
    return [m.row.id for m in matches_for(db.session, get_search_backend(), user, item, today())]


@pytest.mark.commits
def test_structure_lifts_the_compatible_achievement(db_session):
    wanted = need()
    early = achievement(trl=2, asking_price=Decimal("3000000.00"), region_code="110000")
    fits = achievement(title="锂离子电池正极材料制备工艺", trl=7)
    db_session.commit()
    found = matches_for(db_session, get_search_backend(), wanted.created_by, wanted, today())
    assert [m.row.id for m in found] == [fits.id, early.id]
    best = {r.code: r for r in found[0].reasons}
    assert best["maturity_met"].label == "成熟度满足（中试 ≥ 小试）"
    assert best["price_within"].label == "报价在预算内"
    assert best["region_prefecture"].label == "同属兰州市"
    assert best["field_same"].label == "领域一致"
    assert best["text"].label.startswith("内容相关：")
    assert "「锂离子电池」" in best["text"].label
    assert found[0].score == pytest.approx(sum(r.weight for r in found[0].reasons), abs=1e-3)
    low = {r.code for r in found[1].reasons}
    assert {"maturity_short", "price_over"} <= low
    assert "<mark>" in str(found[0].snippets["title"])


@pytest.mark.commits
def test_an_achievement_gets_ranked_needs(db_session):
    offer = achievement()
    near = need(region_code="620102")
    far = need(title="锂离子电池正极材料需求", required_trl=9, region_code="110000")
    db_session.commit()
    assert match_ids(offer.created_by, offer) == [near.id, far.id]


@pytest.mark.commits
def test_closed_expired_withdrawn_unpublished_and_own_items_never_appear(db_session):
    wanted = need()
    shown = achievement()
    draft = achievement(status="draft")
    submitted = achievement(status="submitted")
    lapsed = expired_achievement()
    withdrawn = achievement()
    own = achievement(created_by=wanted.created_by, owner_org=wanted.owner_org)
    db_session.commit()
    catalog.transition(db_session, withdrawn.created_by, withdrawn, "withdraw", today())
    db_session.commit()
    found = match_ids(wanted.created_by, wanted)
    assert found == [shown.id]
    assert not {draft.id, submitted.id, lapsed.id, withdrawn.id, own.id} & set(found)


@pytest.mark.commits
def test_an_item_lapsing_after_indexing_is_left_out(db_session):
    wanted = need()
    item = achievement(valid_until=today() + dt.timedelta(days=1))
    db_session.commit()
    later = today() + dt.timedelta(days=2)
    found = matches_for(db_session, get_search_backend(), wanted.created_by, wanted, later)
    assert item.id not in [m.row.id for m in found]


@pytest.mark.commits
def test_an_org_admin_sees_no_items_of_their_own_organisation(db_session):
    wanted = need()
    colleague = UserFactory(role="publisher", organisation=wanted.owner_org)
    achievement(created_by=colleague, owner_org=wanted.owner_org)
    db_session.commit()
    assert match_ids(wanted.created_by, wanted) == []


@pytest.mark.commits
def test_pairs_marked_not_relevant_do_not_come_back(db_session):
    wanted = need()
    first, second = achievement(), achievement()
    db_session.commit()
    assert set(match_ids(wanted.created_by, wanted)) == {first.id, second.id}
    mark_not_relevant(db_session, wanted.created_by, wanted, first, "price")
    db_session.commit()
    assert match_ids(wanted.created_by, wanted) == [second.id]
    assert wanted.id not in match_ids(first.created_by, first)  # from either side
    assert first.id not in match_ids(UserFactory(platform_admin=True), wanted)  # for everyone


def test_who_may_see_matches(db_session):
    wanted = need()
    db_session.commit()
    for user in (BrokerFactory(), UserFactory(platform_admin=True), wanted.created_by):
        matches_for(db_session, get_search_backend(), user, wanted, today())
    other_org = OrganisationFactory(kind="enterprise")
    outsiders = [None, UserFactory(role="enterprise", organisation=other_org),
                 UserFactory(role="publisher"), UserFactory(role="zone_admin", zone_code="620100")]
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            matches_for(db_session, get_search_backend(), user, wanted, today())


@pytest.mark.commits
def test_broker_pairs_cover_the_whole_market_or_the_brokers_own_scope(db_session):
    inside = need()
    county = need(region_code="620102")
    need(region_code="620400")  # another 市州
    need(field="agriculture", title="锂离子电池正极材料回收需求")
    offer = achievement()
    user = BrokerFactory()
    db_session.commit()
    pairs = broker_pairs(db_session, get_search_backend(), user, today(), own_scope=True)
    assert {(p.need.id, p.achievement.id) for p in pairs} == {(inside.id, offer.id),
                                                               (county.id, offer.id)}
    assert all(p.reasons[0].code == "text" for p in pairs)
    # By default the broker sees new needs in every zone and field.
    assert len(broker_pairs(db_session, get_search_backend(), user, today())) == 4
    admin = UserFactory(platform_admin=True)
    everything = broker_pairs(db_session, get_search_backend(), admin, today())
    assert len(everything) == 4
    with pytest.raises(PermissionDenied):
        broker_pairs(db_session, get_search_backend(), inside.created_by, today())
