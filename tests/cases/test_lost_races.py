"""Concurrent requests that lose a race answer 409, never 500: a second rating or "not
relevant" mark committed between the check and the insert (the unique constraint), and two
brokers opening a case on the same need/achievement pair at once (the need row lock)."""

import threading
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.cases import ratings, services
from matchhub.cases.models import CaseRating, MatchCase
from matchhub.cases.registration import register_from_case
from matchhub.core import clock
from matchhub.core.errors import Conflict
from matchhub.core.extensions import db
from matchhub.matching import feedback
from matchhub.matching.models import MatchFeedback
from tests.api.helpers import assert_error, bearer
from tests.cases.helpers import advance, open_case, pair
from tests.contracts.helpers import TODAY, contract_input
from tests.factories import BrokerFactory, UserFactory
from tests.matching.helpers import achievement, need
from tests.web.helpers import login, text

# Two sessions race for the same row: the loser must see the winner's commit.
pytestmark = pytest.mark.commits


def _commit_elsewhere(row) -> None:
    with Session(db.engine) as other:
        other.add(row)
        other.commit()


def _racing(real, make_competitor):
    """insert_once, after a concurrent transaction has committed the same key."""
    def insert_once(session, row, *args, **kwargs):
        _commit_elsewhere(make_competitor(row))
        return real(session, row, *args, **kwargs)
    return insert_once


def test_a_rating_that_loses_the_race_answers_409(client, monkeypatch):
    me = BrokerFactory()
    case = advance(me, open_case(me), "signed")
    data = contract_input(1, signed_on=TODAY, registered_on=TODAY, volume="300000",
                          tech_income="300000")
    register_from_case(db.session, me, case, data, TODAY)
    buyer = UserFactory(role="enterprise", organisation=case.need.owner_org)
    db.session.commit()
    monkeypatch.setattr(ratings, "insert_once", _racing(ratings.insert_once, lambda row:
                        CaseRating(case_id=row.case_id, rater_id=row.rater_id, score=2)))
    login(client, buyer)
    response = client.post(f"/cases/{case.id}/rating", data={"score": "5", "comment": "好"})
    assert response.status_code == 409
    assert "您已评价过该对接单" in text(response)
    db.session.rollback()
    assert db.session.scalars(select(CaseRating.score)).all() == [2]  # the winner's only


def test_a_feedback_mark_that_loses_the_race_answers_409(client, monkeypatch):
    wanted, offer = need(), achievement()
    db.session.commit()
    owner = bearer(wanted.created_by)
    monkeypatch.setattr(feedback, "insert_once", _racing(feedback.insert_once, lambda row:
                        MatchFeedback(need_id=row.need_id, achievement_id=row.achievement_id,
                                      user_id=row.user_id, recommended_type="achievement",
                                      reason="field")))
    response = client.post(f"/api/v1/needs/{wanted.id}/matches/{offer.id}/feedback",
                           json={"reason": "price"}, headers=owner)
    error = assert_error(response, 409, "conflict")
    assert error["message"] == "您已将该推荐标记为不相关"
    db.session.rollback()
    assert db.session.scalars(select(MatchFeedback.reason)).all() == ["field"]


def test_two_concurrent_openings_of_the_same_pair_give_one_case_and_one_409(app, monkeypatch):
    wanted, offer = pair()
    first, second = BrokerFactory(), BrokerFactory()
    db.session.commit()
    ids = (wanted.id, offer.id, first.id, second.id)
    checked = threading.Event()
    real_check = services._check_no_duplicate

    def slow_check(session, need, achievements):
        real_check(session, need, achievements)
        if threading.current_thread().name == "first":
            checked.set()
            time.sleep(1.0)  # the second opening starts while the first is undecided

    monkeypatch.setattr(services, "_check_no_duplicate", slow_check)
    outcomes: dict[str, object] = {}

    def open_as(name: str, user_id: int) -> None:
        with app.app_context():
            try:
                user = db.session.get(User, user_id)
                services.open_case(db.session, user, ids[0], [ids[1]], clock.today())
                db.session.commit()
                outcomes[name] = "opened"
            except Conflict as exc:
                db.session.rollback()
                outcomes[name] = exc.status

    one = threading.Thread(target=open_as, args=("first", ids[2]), name="first")
    two = threading.Thread(target=open_as, args=("second", ids[3]), name="second")
    one.start()
    assert checked.wait(10)
    two.start()
    one.join(20)
    two.join(20)
    assert sorted(map(str, outcomes.values())) == ["409", "opened"]
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(MatchCase)) == 1
