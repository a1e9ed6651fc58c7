"""Every change to a searchable item writes an outbox row in the change's transaction."""

import pytest
from sqlalchemy import select

from matchhub.catalog import services
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.search import get_search_backend
from matchhub.search.core.query import SearchQuery, parse_user_text
from matchhub.search.indexing.models import OutboxEntry
from tests.factories import AchievementFactory, UserFactory

# What other processes see of the outbox: committed rows only.
pytestmark = pytest.mark.commits


@pytest.fixture
def no_sync(app, monkeypatch):
    """Only the outbox: nothing indexes (or clears rows) after the commit."""
    monkeypatch.setitem(app.config, "SEARCH_INDEX_ON_COMMIT", False)


def outbox() -> list[tuple[str, int]]:
    with db.engine.connect() as conn:  # what another process sees: committed rows only
        rows = conn.execute(select(OutboxEntry.item_type, OutboxEntry.item_id)
                            .order_by(OutboxEntry.id))
        return [tuple(row) for row in rows]


def test_a_committed_change_leaves_an_outbox_row(no_sync, db_session):
    item = AchievementFactory()
    db_session.commit()
    assert ("achievement", item.id) in outbox()
    assert ("organisation", item.owner_org_id) in outbox()


def test_a_rolled_back_transaction_leaves_no_outbox_row(no_sync, db_session):
    AchievementFactory()
    db_session.flush()
    # Written, inside the transaction ...
    assert db_session.scalar(select(db.func.count()).select_from(OutboxEntry)) > 0
    db_session.rollback()
    assert outbox() == []  # ... and gone with it


def test_a_rolled_back_savepoint_takes_its_outbox_rows_with_it(no_sync, db_session):
    kept = AchievementFactory()
    db_session.commit()
    before = outbox()
    with db_session.begin_nested() as savepoint:
        kept.title = "回滚的修改"
        db_session.flush()
        savepoint.rollback()
    db_session.commit()
    assert outbox() == before


def test_update_publish_withdraw_and_delete_each_write_a_row(no_sync, db_session):
    item = AchievementFactory(status="submitted")
    admin = UserFactory(role="platform_admin", organisation=None)
    db_session.commit()
    key, count = ("achievement", item.id), outbox().count(("achievement", item.id))
    item.title = "改过的标题"
    db_session.commit()
    services.transition(db_session, admin, item, "approve", today())
    db_session.commit()
    services.transition(db_session, item.created_by, item, "withdraw", today())
    db_session.commit()
    db_session.delete(item)
    db_session.commit()
    assert outbox().count(key) == count + 4


def test_indexing_on_commit_clears_the_rows_it_applied(db_session):
    AchievementFactory()
    db_session.commit()
    assert outbox() == []


def test_changes_in_a_released_savepoint_are_indexed_at_the_outer_commit(db_session):
    backend = get_search_backend()
    with db_session.begin_nested():
        item = AchievementFactory(title="保存点内的青稞酒酿造工艺")
    assert found(backend, "青稞酒酿造") == []  # released, not committed
    db_session.commit()
    assert found(backend, "青稞酒酿造") == [item.id]


def found(backend, text: str) -> list[int]:
    page = backend.run(SearchQuery(parse_user_text(text), ("achievement",)))
    return [hit.item_id for hit in page.hits]
