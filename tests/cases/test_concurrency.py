"""Two people move the same case at the same time: the second write is refused with a
conflict, never a silent overwrite. On PostgreSQL the second UPDATE waits for the first
transaction's row lock and then finds the version gone (StaleDataError -> Conflict)."""

import threading

import pytest
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.cases import services
from matchhub.cases.models import CaseEvent, MatchCase
from matchhub.core.errors import Conflict
from matchhub.core.extensions import db
from tests.cases.helpers import advance, open_case
from tests.factories import BrokerFactory

# Two sessions or threads write the same case at once.
pytestmark = pytest.mark.commits


@pytest.fixture
def shared_case(db_session):
    """A case in 已联系 (version 2) with two brokers on it, committed."""
    first = BrokerFactory()
    case = advance(first, open_case(first), "contacted")
    second = BrokerFactory(organisation=first.organisation)
    case.broker_links.append(type(case.broker_links[0])(broker_id=second.id, how="manual"))
    db.session.commit()
    return case.id, first.id, second.id


def _postgres_only():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row locks and READ COMMITTED re-checks: PostgreSQL (MATCHHUB_TEST_PG_URL)")


def _load(session: Session, case_id: int, user_id: int) -> tuple[MatchCase, User]:
    return session.get(MatchCase, case_id), session.get(User, user_id)


def test_second_of_two_concurrent_transitions_gets_a_conflict(shared_case):
    _postgres_only()
    case_id, first_id, second_id = shared_case
    with Session(db.engine) as one, Session(db.engine) as two:
        case_one, user_one = _load(one, case_id, first_id)
        case_two, user_two = _load(two, case_id, second_id)
        assert case_one.version == case_two.version == 2  # both saw version 2
        services.transition_case(one, user_one, case_one, "negotiating", version=2)
        one.commit()
        with pytest.raises(Conflict) as lost:
            services.transition_case(two, user_two, case_two, "terminated", version=2,
                                     reason="客户放弃")
        assert lost.value.status == 409 and "同时修改" in lost.value.message
    db.session.rollback()  # end the old snapshot
    case = db.session.get(MatchCase, case_id)
    assert (case.status, case.version, case.close_reason) == ("negotiating", 3, "")
    kinds = db.session.scalars(select(CaseEvent.to_status).where(CaseEvent.case_id == case_id)
                               .order_by(CaseEvent.id)).all()
    assert kinds == ["recommended", "contacted", "negotiating"]  # no trace of the lost write


def test_on_sqlite_the_second_writer_also_gets_a_conflict(shared_case):
    """SQLite cannot upgrade the second reader's stale snapshot ("database is locked")."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the SQLite snapshot rule")
    case_id, first_id, second_id = shared_case
    with Session(db.engine) as one, Session(db.engine) as two:
        case_one, user_one = _load(one, case_id, first_id)
        case_two, user_two = _load(two, case_id, second_id)
        services.transition_case(one, user_one, case_one, "negotiating", version=2)
        one.commit()
        with pytest.raises(Conflict):
            services.transition_case(two, user_two, case_two, "terminated", version=2,
                                     reason="客户放弃")
    db.session.rollback()  # end the old snapshot
    assert db.session.get(MatchCase, case_id).status == "negotiating"


def test_a_writer_blocked_on_the_row_lock_gets_a_conflict(shared_case):
    """The first transaction has written but not committed; the second waits, then loses."""
    _postgres_only()
    case_id, first_id, second_id = shared_case
    outcome: dict = {}
    with Session(db.engine) as one, Session(db.engine) as two:
        case_one, user_one = _load(one, case_id, first_id)
        case_two, user_two = _load(two, case_id, second_id)
        services.transition_case(one, user_one, case_one, "negotiating", version=2)  # flushed

        app = current_app._get_current_object()

        def second_writer():  # a request thread of its own, with the app's context
            with app.app_context():
                try:
                    services.transition_case(two, user_two, case_two, "negotiating", version=2)
                    two.commit()
                    outcome["result"] = "saved"
                except Conflict as exc:
                    outcome["result"] = exc

        thread = threading.Thread(target=second_writer)
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive()  # waiting on the first transaction's row lock
        one.commit()
        thread.join(timeout=30)
    assert isinstance(outcome.get("result"), Conflict)
    counted = select(func.count()).select_from(CaseEvent).where(
        CaseEvent.case_id == case_id, CaseEvent.to_status == "negotiating")
    assert db.session.scalar(counted) == 1


def test_a_form_saved_from_an_old_page_gets_a_conflict(shared_case):
    """Any database: the version the user saw travels with the write and is compared."""
    case_id, first_id, second_id = shared_case
    first, second = db.session.get(User, first_id), db.session.get(User, second_id)
    case = db.session.get(MatchCase, case_id)
    services.transition_case(db.session, first, case, "negotiating", version=2)
    db.session.commit()
    with pytest.raises(Conflict) as stale:
        services.transition_case(db.session, second, case, "terminated", version=2,
                                 reason="客户放弃")
    assert "已被他人修改" in stale.value.message
    assert stale.value.fields == {"version": ["当前版本为 3"]}
