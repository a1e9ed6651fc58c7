"""indexer verify: counts and checksums against the database; --repair fixes drift."""

import pytest

from matchhub.search.core.documents import build_document
from matchhub.search.core.registry import specs
from matchhub.search.indexing.verify import repair, verify
from matchhub.search.indexing.worker import run_indexer
from tests.factories import AchievementFactory, NeedFactory
from tests.indexer.conftest import new_session

# Verify reads the database in its own session.
pytestmark = pytest.mark.commits


def synced(db_session, backend, locks, settings):
    gone, stale, hidden = AchievementFactory(), AchievementFactory(), AchievementFactory(
        status="draft")
    need = NeedFactory()
    db_session.commit()
    run_indexer(new_session, backend, locks, settings, once=True)
    return gone, stale, hidden, need


def inject_drift(backend, gone, stale, hidden):
    backend.delete("achievement", gone.id)
    document = build_document(specs()["achievement"], stale)
    document.texts["title"] = "索引里过时的标题"
    backend.add(document)
    backend.add(build_document(specs()["achievement"], hidden))  # a draft must not be found
    ghost = build_document(specs()["achievement"], stale)
    ghost.item_id = 999_999  # no such row
    backend.add(ghost)


def test_verify_counts_per_type_and_status(db_session, backend, locks, settings):
    synced(db_session, backend, locks, settings)
    report = verify(db_session, backend)
    assert report.clean
    achievements = report.counts["achievement"]
    assert dict(achievements.by_status) == {"published": 2, "draft": 1}
    assert achievements.expected == achievements.indexed == 2
    assert report.counts["need"].indexed == 1


def test_verify_finds_injected_drift_and_repair_fixes_it(db_session, backend, locks,
                                                          settings):
    gone, stale, hidden, _ = synced(db_session, backend, locks, settings)
    inject_drift(backend, gone, stale, hidden)
    report = verify(db_session, backend)
    assert report.missing == [("achievement", gone.id)]
    assert report.stale == [("achievement", stale.id)]
    assert report.extra == [("achievement", hidden.id), ("achievement", 999_999)]
    assert repair(db_session, backend, locks, report.differences) == {}
    assert verify(db_session, backend).clean


def test_verify_command_exits_1_on_drift_and_repairs(db_session, backend, locks, settings,
                                                     runner):
    inject_drift(backend, *synced(db_session, backend, locks, settings)[:3])
    result = runner.invoke(args=["indexer", "verify"])
    assert result.exit_code == 1
    assert "missing: 1" in result.output and "stale: 1" in result.output
    assert "extra: 2" in result.output
    result = runner.invoke(args=["indexer", "verify", "--repair"])
    assert result.exit_code == 0, result.output
    assert "repaired 4 items" in result.output and result.output.endswith("no difference\n")
