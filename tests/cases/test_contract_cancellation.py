"""Cancelling the contract registered from a case takes the case back from 已登记 to
已签约 (the signing stands), with a history entry naming the cancelled contract; a new
contract can then be registered from the case. Denied cancellations change nothing."""

from sqlalchemy import select

from matchhub.cases.models import CaseEvent, MatchCase
from matchhub.cases.registration import register_from_case
from matchhub.core.extensions import db
from tests.api.helpers import bearer
from tests.cases.helpers import advance, open_case
from tests.contracts.helpers import TODAY, contract_input
from tests.contracts.people import platform_admin
from tests.factories import BrokerFactory
from tests.web.helpers import login, text


def _registered_case(n: int = 1):
    me = BrokerFactory()
    case = advance(me, open_case(me), "signed")
    data = contract_input(n, signed_on=TODAY, registered_on=TODAY, volume="300000",
                          tech_income="300000")
    contract = register_from_case(db.session, me, case, data, TODAY)
    db.session.commit()
    return me, case, contract


def _case(case_id: int) -> MatchCase:
    db.session.expire_all()
    return db.session.get(MatchCase, case_id)


def _last_event(case_id: int) -> CaseEvent:
    stmt = select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id.desc())
    return db.session.scalars(stmt.limit(1)).one()


def test_cancelling_the_contract_takes_the_case_back_to_signed(client):
    me, case, contract = _registered_case()
    signed_at, version = case.signed_at, case.version
    assert (case.status, case.closed_at is not None) == ("registered", True)
    login(client, me)
    response = client.post(f"/contracts/{contract.id}/cancel", data={"reason": "金额填错"})
    assert response.status_code == 302
    moved = _case(case.id)
    assert (moved.status, moved.closed_at, moved.signed_at) == ("signed", None, signed_at)
    assert moved.version == version + 1
    event = _last_event(case.id)
    assert (event.from_status, event.to_status, event.actor_id) == ("registered", "signed", me.id)
    assert contract.registration_number in event.note and "金额填错" in event.note
    assert f"/contracts/new?case={case.id}" in text(client.get(f"/cases/{case.id}"))
    again = register_from_case(db.session, me, moved, contract_input(2), TODAY)
    db.session.commit()
    assert (_case(case.id).status, again.match_case_id) == ("registered", case.id)


def test_the_way_back_is_only_through_cancelling(client):
    me, case, _ = _registered_case()
    login(client, me)
    refused = client.post(f"/cases/{case.id}/transition",
                          data={"to": "signed", "version": case.version})
    assert refused.status_code == 409 and "撤销" in text(refused)
    assert _case(case.id).status == "registered"


def test_a_denied_cancellation_leaves_the_case_registered(client):
    _, case, contract = _registered_case()
    stranger = BrokerFactory()
    db.session.commit()
    login(client, stranger)
    response = client.post(f"/contracts/{contract.id}/cancel", data={"reason": "恶意"})
    assert response.status_code in (403, 404)
    assert _case(case.id).status == "registered"
    assert _last_event(case.id).to_status == "registered"


def test_cancelling_through_the_api_moves_the_case_too(client):
    _, case, contract = _registered_case()
    headers = bearer(platform_admin(), ["contracts:read", "contracts:write"])
    response = client.post(f"/api/v1/contracts/{contract.id}/cancel", json={"reason": "重复登记"},
                           headers=headers)
    assert response.status_code == 200, response.get_json()
    assert _case(case.id).status == "signed"
