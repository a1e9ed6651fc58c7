"""A released SAVEPOINT is not a commit: rolling back the outer transaction undoes it
(pysqlite alone would have committed it, see matchhub/core/database.py)."""

from sqlalchemy import func, select

from matchhub.accounts.models import Organisation
from matchhub.core.extensions import db
from tests.factories import credit_code


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Organisation))


def test_released_savepoint_is_rolled_back_with_the_outer_transaction():
    assert count() == 0  # a read first: no write has begun the transaction yet
    with db.session.begin_nested():
        db.session.add(Organisation(name="甲", credit_code=credit_code(1), kind="university",
                                    region_code="620100"))
    db.session.rollback()
    assert count() == 0


def test_committed_work_stays():
    with db.session.begin_nested():
        db.session.add(Organisation(name="乙", credit_code=credit_code(2), kind="university",
                                    region_code="620100"))
    db.session.commit()
    assert count() == 1
