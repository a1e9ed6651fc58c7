"""Broker and institution figures, and the parties' ratings that feed them."""

import datetime as dt
from decimal import Decimal

import pytest

from matchhub.cases import ratings, services
from matchhub.cases.registration import register_from_case
from matchhub.cases.stats import broker_stats, institution_stats
from matchhub.contracts.services import confirm_contract
from matchhub.core import clock
from matchhub.core.errors import Conflict, PermissionDenied, ValidationFailed
from matchhub.core.extensions import db
from tests.cases.helpers import advance, open_case
from tests.contracts.helpers import contract_input
from tests.contracts.people import attach_file
from tests.factories import BrokerFactory, OrganisationFactory, UserFactory
from tests.web.helpers import login, text

TODAY = clock.today()


def _register(user, case, n: int, volume: str):
    data = contract_input(n, signed_on=TODAY, registered_on=TODAY, volume=volume,
                          tech_income=volume)
    contract = register_from_case(db.session, user, case, data, TODAY)
    # A broker's submission counts once an officer confirms it (认定登记) with its file.
    attach_file(contract)
    confirm_contract(db.session, UserFactory(role="platform_admin", organisation=None),
                     contract)
    db.session.commit()


def _backdate(case, days: int):
    case.opened_at = case.signed_at - dt.timedelta(days=days)
    db.session.commit()


def test_broker_and_institution_figures(db_session):
    org = OrganisationFactory(kind="transfer_institution")
    me, colleague = BrokerFactory(organisation=org), BrokerFactory(organisation=org)
    won = advance(me, open_case(me), "signed")
    _backdate(won, 10)
    _register(me, won, 1, "500000")
    signed = advance(me, open_case(me), "signed")
    _backdate(signed, 20)
    lost = open_case(me)
    services.transition_case(db.session, me, lost, "terminated", version=1, reason="价格谈不拢")
    open_case(me)  # still in progress: not in the conversion rate
    theirs = advance(colleague, open_case(colleague), "signed")
    _backdate(theirs, 40)
    _register(colleague, theirs, 2, "1000000")
    db.session.commit()

    mine = broker_stats(db.session, me.id)
    assert (mine.handled, mine.decided, mine.won) == (4, 3, 2)
    assert mine.conversion_rate == pytest.approx(2 / 3)
    assert (mine.volume, mine.contracts) == (Decimal("500000.00"), 1)
    assert mine.median_days_to_sign == 15.0
    whole = institution_stats(db.session, org.id)
    assert (whole.handled, whole.won, whole.volume) == (5, 3, Decimal("1500000.00"))
    assert whole.median_days_to_sign == 20.0
    nobody = broker_stats(db.session, UserFactory(role="broker").id)
    assert (nobody.handled, nobody.conversion_rate, nobody.median_days_to_sign) == (0, None, None)


def test_parties_rate_closed_cases_once(db_session):
    me = BrokerFactory()
    case = advance(me, open_case(me), "signed")
    buyer = UserFactory(role="enterprise", organisation=case.need.owner_org)
    seller = UserFactory(role="publisher", organisation=case.achievements[0].owner_org)
    with pytest.raises(PermissionDenied):  # not closed yet
        ratings.rate_case(db.session, buyer, case, 5)
    _register(me, case, 1, "300000")
    for not_party in (me, BrokerFactory(), UserFactory(role="enterprise")):
        with pytest.raises(PermissionDenied):
            ratings.rate_case(db.session, not_party, case, 5)
    for bad in (0, 6, "五", None, True):
        with pytest.raises(ValidationFailed) as refused:
            ratings.rate_case(db.session, buyer, case, bad)
        assert "score" in refused.value.fields
    ratings.rate_case(db.session, buyer, case, 5, "响应及时")
    ratings.rate_case(db.session, seller, case, "4")
    with pytest.raises(Conflict):
        ratings.rate_case(db.session, buyer, case, 1)
    figures = broker_stats(db.session, me.id)
    assert (figures.average_rating, figures.ratings) == (4.5, 2)


def test_public_pages_show_the_figures(client, db_session):
    org = OrganisationFactory(kind="transfer_institution")
    me = BrokerFactory(organisation=org)
    case = advance(me, open_case(me), "signed")
    _register(me, case, 1, "500000")
    buyer = UserFactory(role="enterprise", organisation=case.need.owner_org)
    db.session.commit()
    page = text(client.get(f"/brokers/{me.broker_profile.id}"))
    assert "对接业绩" in page and "100%（1/1）" in page and "50.00 万元（1 份）" in page
    assert "机构对接业绩" in text(client.get(f"/organisations/{org.id}"))
    login(client, buyer)
    rated = client.post(f"/cases/{case.id}/rating", data={"score": "5", "comment": "很好"})
    assert rated.status_code == 302
    assert client.post(f"/cases/{case.id}/rating", data={"score": "5"}).status_code == 409
    assert "5.0 分（1 条）" in text(client.get(f"/brokers/{me.broker_profile.id}"))
