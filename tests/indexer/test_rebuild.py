"""indexer rebuild: a new version swapped in, the old one kept on failure, one at a time,
and changes made meanwhile not lost."""

import pytest

from matchhub.search.backends.embedded.store import current_version
from matchhub.search.indexing.drain import drain_batch
from matchhub.search.indexing.locks import RebuildRunning
from matchhub.search.indexing.rebuild import rebuild_index
from matchhub.search.indexing.verify import verify
from matchhub.search.indexing.worker import run_indexer
from tests.factories import AchievementFactory
from tests.indexer.conftest import new_session, outbox_rows


class HookedBackend:
    """The real backend; ``hook(n)`` runs before the rebuild's n-th bulk load."""

    def __init__(self, backend, hook):
        self.backend, self.hook = backend, hook

    def begin_rebuild(self):
        rebuild, hook, calls = self.backend.begin_rebuild(), self.hook, []
        add_bulk = rebuild.add_bulk

        def hooked(documents):
            calls.append(1)
            hook(len(calls))
            add_bulk(documents)

        rebuild.add_bulk = hooked
        return rebuild


def versions(backend) -> set[str]:
    return {p.name for p in backend.root.glob("v-*")}


def rebuild(session, backend, locks, settings) -> int:
    return rebuild_index(session, backend, locks, settings)


def test_rebuild_indexes_the_database_and_swaps_versions(db_session, backend, locks,
                                                        settings):
    for _ in range(3):
        AchievementFactory()
    AchievementFactory(status="draft")
    db_session.commit()
    old = current_version(backend.root)
    assert rebuild(db_session, backend, locks, settings) == 7  # 3 listings, 4 organisations
    assert versions(backend) == {current_version(backend.root)} != {old}
    assert verify(db_session, backend).clean


def test_a_failed_rebuild_keeps_the_old_index_and_drops_the_new(db_session, backend, locks,
                                                               settings):
    for _ in range(3):
        AchievementFactory()
    db_session.commit()
    rebuild(db_session, backend, locks, settings)
    live, before = current_version(backend.root), backend.indexed_checksums()

    def fail(call):
        if call == 2:
            raise OSError("磁盘已满")

    with pytest.raises(OSError):
        rebuild(db_session, HookedBackend(backend, fail), locks, settings)
    assert current_version(backend.root) == live and versions(backend) == {live}
    assert backend.indexed_checksums() == before


def test_a_second_rebuild_is_refused_while_one_runs(db_session, backend, locks, settings):
    with locks.rebuild(), pytest.raises(RebuildRunning):
        rebuild(db_session, backend, locks, settings)
    assert versions(backend) == {current_version(backend.root)}


@pytest.mark.commits
def test_changes_made_during_a_rebuild_reach_the_new_index(db_session, backend, locks,
                                                           settings):
    items = [AchievementFactory() for _ in range(4)]
    db_session.commit()
    run_indexer(new_session, backend, locks, settings, once=True)
    paused = []

    def change_meanwhile(call):
        if call == 2:  # the stream has passed the first items: change one of them
            items[0].title = "重建期间修改的标题"
            db_session.commit()
            with new_session() as session:
                paused.append(drain_batch(session, backend, locks, settings).paused)

    with new_session() as session:
        rebuild(session, HookedBackend(backend, change_meanwhile), locks, settings)
    assert paused == [True]  # the indexer waited for the rebuild ...
    assert outbox_rows()
    run_indexer(new_session, backend, locks, settings, once=True)  # ... and applies it now
    assert outbox_rows() == [] and verify(db_session, backend).clean


@pytest.mark.commits
def test_rebuild_command_reports_progress_and_count(db_session, runner):
    AchievementFactory()
    db_session.commit()
    result = runner.invoke(args=["indexer", "rebuild", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "rebuilt the index: 2 documents" in result.output
    assert "ETA" in result.output and "/s" in result.output
