"""Draining the outbox: in order, idempotent, retried with backoff, dead-lettered."""

import datetime as dt
from dataclasses import replace

import pytest

from matchhub.core.db_types import utcnow
from matchhub.core.extensions import db
from matchhub.search.indexing.drain import claim, drain_batch
from matchhub.search.indexing.locks import PostgresIndexLocks
from matchhub.search.indexing.models import DEAD, PENDING
from matchhub.search.indexing.outbox import record_changes
from matchhub.search.indexing.status import outbox_summary, requeue_dead
from matchhub.search.indexing.verify import verify
from matchhub.search.indexing.worker import run_indexer
from tests.factories import AchievementFactory, NeedFactory
from tests.indexer.conftest import new_session, outbox_rows


class FailingBackend:
    """The real backend, except that documents of ``failing`` keys cannot be written."""

    def __init__(self, backend, failing):
        self.backend, self.failing = backend, set(failing)

    def add_bulk(self, documents, **kwargs):
        documents = list(documents)
        if any((d.item_type, d.item_id) in self.failing for d in documents):
            raise ConnectionError("索引服务不可用")
        self.backend.add_bulk(documents, **kwargs)

    def delete(self, item_type, item_id):
        self.backend.delete(item_type, item_id)


def drain(backend, locks, settings):
    return run_indexer(new_session, backend, locks, settings, once=True)


@pytest.mark.commits
def test_run_applies_every_change_and_empties_the_outbox(db_session, backend, locks,
                                                         settings):
    items = [AchievementFactory(), NeedFactory(), AchievementFactory(status="draft")]
    db_session.commit()
    assert backend.count() == 0 and outbox_rows()
    totals = drain(backend, locks, settings)
    assert outbox_rows() == []
    assert totals.applied > 0 and totals.dead == 0
    assert verify(db_session, backend).clean
    assert backend.count() == 5  # two listings and three organisations, not the draft
    db_session.delete(items[0])
    db_session.commit()
    drain(backend, locks, settings)
    assert verify(db_session, backend).clean and backend.count() == 4


@pytest.mark.commits
def test_claims_follow_the_outbox_order(db_session, settings):
    for _ in range(3):
        AchievementFactory()
    db_session.commit()
    with new_session() as session:
        ids = [row.id for row in claim(session, 100, utcnow())]
    assert ids == sorted(ids) == [row.id for row in outbox_rows()]


@pytest.mark.commits
def test_replaying_changes_is_harmless(db_session, backend, locks, settings):
    kept, gone = AchievementFactory(), AchievementFactory()
    db_session.commit()
    drain(backend, locks, settings)
    before = backend.indexed_checksums()
    db_session.delete(gone)
    db_session.commit()
    drain(backend, locks, settings)
    # The same changes again, and an old one for an item long deleted.
    with db.engine.begin() as conn:
        record_changes(conn, [("achievement", kept.id), ("achievement", gone.id)] * 2)
    drain(backend, locks, settings)
    after = backend.indexed_checksums()
    assert after[("achievement", kept.id)] == before[("achievement", kept.id)]
    assert ("achievement", gone.id) not in after
    assert verify(db_session, backend).clean and outbox_rows() == []


@pytest.mark.commits
def test_a_failing_change_is_retried_then_dead_lettered(db_session, backend, locks,
                                                        settings):
    bad, good = AchievementFactory(), AchievementFactory()
    db_session.commit()
    failing = FailingBackend(backend, {("achievement", bad.id)})
    for attempt in range(1, settings.max_attempts + 1):
        with new_session() as session:
            result = drain_batch(session, failing, locks, settings)
        [row] = [r for r in outbox_rows() if r.key == ("achievement", bad.id)]
        assert row.attempts == attempt and "索引服务不可用" in row.last_error
        assert row.state == (DEAD if attempt == settings.max_attempts else PENDING)
    # Its organisation's change carries it (the org name is in its document) and fails too;
    # the others went through on the first attempt.
    dead = {("achievement", bad.id), ("organisation", bad.owner_org_id)}
    assert result.dead == 2 and {r.key for r in outbox_rows()} == dead
    assert ("achievement", good.id) in backend.indexed_checksums()
    with new_session() as session:
        summary = outbox_summary(session)
        assert (summary.pending, summary.dead) == (0, 2)
        assert {r.key for r in summary.dead_rows} == dead
        assert requeue_dead(session) == 2
        session.commit()
    drain(backend, locks, settings)  # the cause is gone
    assert outbox_rows() == [] and verify(db_session, backend).clean


@pytest.mark.commits
def test_a_failed_change_waits_for_its_backoff(db_session, backend, locks, settings):
    item = AchievementFactory()
    db_session.commit()
    slow = replace(settings, retry_base_seconds=60)
    failing = FailingBackend(backend, {("achievement", item.id)})
    with new_session() as session:
        drain_batch(session, failing, locks, slow)
    failed = outbox_rows()  # the item and its organisation (whose document carries it)
    assert len(failed) == 2 and all(r.state == PENDING and r.attempts == 1 for r in failed)
    assert all(r.next_attempt_at.replace(tzinfo=None) > utcnow().replace(tzinfo=None)
               for r in failed)
    with new_session() as session:
        assert drain_batch(session, backend, locks, slow).claimed == 0
        later = utcnow() + dt.timedelta(seconds=61)
        assert drain_batch(session, backend, locks, slow, now=later).applied == 2


@pytest.mark.commits
def test_nothing_is_applied_while_a_rebuild_holds_the_gate(db_session, backend, locks,
                                                          settings):
    AchievementFactory()
    db_session.commit()
    waiting = len(outbox_rows())
    with locks.rebuild(), new_session() as session:
        assert drain_batch(session, backend, locks, settings).paused
    assert len(outbox_rows()) == waiting
    drain(backend, locks, settings)
    assert outbox_rows() == []


@pytest.mark.commits
def test_renaming_an_organisation_reaches_its_listings(db_session, backend, locks, settings):
    item = AchievementFactory()
    db_session.commit()
    drain(backend, locks, settings)
    item.owner_org.name = "祁连山研究院"
    db_session.commit()
    assert [r.key for r in outbox_rows()] == [("organisation", item.owner_org_id)]
    drain(backend, locks, settings)
    assert verify(db_session, backend).clean


def postgres_only(locks):
    if not isinstance(locks, PostgresIndexLocks):
        pytest.skip("row locking across indexers is PostgreSQL's (SQLite has one writer)")


@pytest.mark.commits
def test_two_indexers_never_claim_the_same_row(db_session, locks):
    postgres_only(locks)
    for _ in range(4):
        AchievementFactory()
    db_session.commit()
    total = len(outbox_rows())
    with new_session() as first, new_session() as second:
        mine = {row.id for row in claim(first, total // 2, utcnow())}
        theirs = {row.id for row in claim(second, total, utcnow())}
        assert mine and theirs and not mine & theirs
        assert len(mine | theirs) == total


@pytest.mark.commits
def test_an_item_another_indexer_holds_is_left_to_it(db_session, backend, locks, settings):
    postgres_only(locks)
    item = AchievementFactory()
    db_session.commit()
    key = ("achievement", item.id)
    with new_session() as holder, locks.changes(holder, {key}, wait=False) as grant:
        assert key in grant.keys
        with new_session() as session:
            result = drain_batch(session, backend, locks, settings)
        # Its organisation's change would rewrite it too: also left.
        assert result.skipped == 2 and result.applied == 0
        assert {r.key for r in outbox_rows()} == {key, ("organisation", item.owner_org_id)}
    drain(backend, locks, settings)
    assert outbox_rows() == []


def test_many_items_take_one_lock_for_all(db_session, locks):
    postgres_only(locks)
    many = {("achievement", n) for n in range(1, 1502)}
    with new_session() as bulk, locks.changes(bulk, many, wait=False) as grant:
        assert grant.keys == many
        with new_session() as other, locks.changes(other, {("need", 1)}, wait=False) as held:
            assert held.keys == frozenset()
    with new_session() as other, locks.changes(other, {("need", 1)}, wait=False) as free:
        assert free.keys == {("need", 1)}
