import pytest

from matchhub.search.indexing.models import DEAD, OutboxEntry

# The status command reads the outbox in its own session.
pytestmark = pytest.mark.commits


def test_status_command_counts_and_lists_dead_changes(runner, db_session):
    db_session.add(OutboxEntry(item_type="need", item_id=7, state=DEAD, attempts=8,
                               last_error="TimeoutError: 超时"))
    db_session.add(OutboxEntry(item_type="need", item_id=8))
    db_session.commit()
    result = runner.invoke(args=["indexer", "status"])
    assert result.exit_code == 0, result.output
    assert "pending 1 (retrying 0), dead 1" in result.output
    assert "need:7 after 8 attempts: TimeoutError: 超时" in result.output
    result = runner.invoke(args=["indexer", "requeue"])
    assert "requeued 1 changes" in result.output
    assert "pending 2" in runner.invoke(args=["indexer", "status"]).output
