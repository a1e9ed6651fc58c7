"""Public list totals and versions kept by database triggers, and the page cache that
relies on them: whatever changes, the next request shows it."""

import datetime as dt

import pytest
from sqlalchemy import func, insert, select

from matchhub.catalog import counters
from matchhub.catalog.models import Achievement, IPRecord, ListingCounter, Need
from matchhub.core import clock
from tests.factories import AchievementFactory, NeedFactory, UserFactory


def _published_rows(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model).where(
        model.status == "published"))


def _counter(db_session, item_type) -> ListingCounter:
    db_session.expire_all()
    return db_session.get(ListingCounter, item_type)


def test_counters_follow_inserts_status_changes_and_deletes(db_session):
    items = AchievementFactory.create_batch(3)
    NeedFactory(status="draft")
    db_session.flush()
    items[0].status = "withdrawn"
    db_session.delete(items[1])
    db_session.flush()
    for item_type, model in (("achievement", Achievement), ("need", Need)):
        assert _counter(db_session, item_type).published == _published_rows(db_session, model)
    assert _counter(db_session, "achievement").published == 1


def test_counters_follow_bulk_inserts_outside_the_orm(db_session):
    owner = UserFactory()
    db_session.flush()
    before = _counter(db_session, "achievement").published
    row = {"title": "批量", "keywords": [], "field": "new_materials", "status": "published",
           "region_code": "620100", "summary": "摘要", "trl": 5,
           "valid_until": clock.today() + dt.timedelta(days=30),
           "owner_org_id": owner.org_id, "created_by_id": owner.id}
    db_session.execute(insert(Achievement), [row, {**row, "status": "draft"}])
    assert _counter(db_session, "achievement").published == before + 1


@pytest.mark.parametrize("change", ["title", "mode", "ip_record", "organisation"])
def test_every_change_a_list_shows_raises_the_version(db_session, change):
    item = AchievementFactory()
    db_session.flush()
    before = _counter(db_session, "achievement").version
    if change == "title":
        item.title = "新标题"
    elif change == "mode":
        item.mode_rows.clear()
    elif change == "ip_record":
        db_session.add(IPRecord(achievement_id=item.id, ip_type="invention_patent"))
    else:
        item.owner_org.name = "改名后的机构"
    db_session.flush()
    assert _counter(db_session, "achievement").version > before


def test_public_total_leaves_out_items_past_their_end(db_session):
    AchievementFactory.create_batch(2)
    AchievementFactory(valid_until=clock.today() + dt.timedelta(days=3))
    db_session.flush()
    total = counters.public_total(db_session, "achievement", Achievement, clock.today())
    later = counters.public_total(db_session, "achievement", Achievement,
                                  clock.today() + dt.timedelta(days=10))
    assert (total, later) == (3, 2)


def test_a_cached_list_page_shows_each_change_at_once(client, db_session):
    first, second = AchievementFactory.create_batch(2)
    db_session.commit()
    assert client.get("/api/v1/achievements/").get_json()["total"] == 2
    first.title = "改过的标题"
    first.owner_org.name = "改名后的机构"
    second.status = "withdrawn"
    db_session.commit()
    body = client.get("/api/v1/achievements/").get_json()
    assert body["total"] == 1 and body["pages"] == 1
    assert [(i["title"], i["owner_org"]["name"]) for i in body["items"]] == [
        ("改过的标题", "改名后的机构")]


def test_a_cached_list_page_drops_items_the_day_they_end(client, db_session, monkeypatch):
    AchievementFactory(valid_until=clock.today())
    AchievementFactory(valid_until=clock.today() + dt.timedelta(days=5))
    db_session.commit()
    assert client.get("/api/v1/achievements/").get_json()["total"] == 2
    tomorrow = clock.today() + dt.timedelta(days=1)
    monkeypatch.setattr("matchhub.catalog.api.listings.today", lambda: tomorrow)
    body = client.get("/api/v1/achievements/").get_json()
    assert (body["total"], len(body["items"])) == (1, 1)


def test_filtered_and_paged_lists_keep_their_own_totals(client, db_session):
    AchievementFactory.create_batch(3, field="new_materials")
    AchievementFactory.create_batch(2, field="agriculture")
    db_session.commit()
    paged = client.get("/api/v1/achievements/?per_page=2&page=3").get_json()
    assert (paged["total"], paged["pages"], len(paged["items"])) == (5, 3, 1)
    farmed = client.get("/api/v1/achievements/?field=agriculture").get_json()
    assert farmed["total"] == 2
    assert {i["field"] for i in farmed["items"]} == {"agriculture"}
