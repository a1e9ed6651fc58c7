"""From a recommendation to a registered contract counted on the zone dashboard, and the
registration page's denials (404 for strangers, 403/409 for the wrong people and states)."""

import io
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from matchhub.cases.models import MatchCase
from matchhub.contracts.models import Contract
from matchhub.core import clock
from matchhub.core.extensions import db
from matchhub.core.money import WAN
from matchhub.zones.services import Period, build_report
from tests.cases.forms import form_values
from tests.cases.helpers import advance, open_case, pair
from tests.contracts.helpers import PDF
from tests.factories import BrokerFactory, RegistryOfficerFactory, UserFactory
from tests.web.helpers import login, text

NUMBER = "2026620100000777"


def zone_volume(client, year: int) -> tuple[str, float]:
    """兰州's 成交额 this year to today, in 万元, as the zone's report counts it (the
    dashboard itself is for the zone's officials and the province)."""
    period = Period.year_to(clock.today()) if year == clock.today().year else year
    db.session.expire_all()
    report = build_report(db.session, period, "620100", clock.today())
    volume = Decimal(report.zones[0].indicators["contract_volume_output"].value)
    return "万元", float(volume / WAN)


def contracts() -> int:
    return db.session.scalar(select(func.count()).select_from(Contract))


@pytest.mark.commits
def test_broker_registers_the_contract_from_a_recommended_pair(client, db_session):
    me = BrokerFactory()
    wanted, offer = pair()
    db_session.commit()
    year = clock.today().year
    login(client, me)
    page = text(client.get("/matches"))
    assert f'href="/achievements/{offer.id}"' in page and "领域一致" in page
    assert "从对接推荐开单" in page
    assert zone_volume(client, year) == ("万元", 0)

    opened = client.post("/cases", data={"need_id": wanted.id, "achievement_id": offer.id})
    assert opened.status_code == 302
    case_id = int(opened.location.rsplit("/", 1)[1])
    for version, target in enumerate(("contacted", "negotiating", "signed"), start=1):
        moved = client.post(f"/cases/{case_id}/transition",
                            data={"to": target, "version": version, "note": f"推进到{target}"})
        assert moved.status_code == 302, text(moved)
    page = text(client.get(f"/cases/{case_id}"))
    assert f"/contracts/new?case={case_id}" in page and "推进到signed" in page

    form = form_values(text(client.get(f"/contracts/new?case={case_id}")))
    assert (form["seller_name"], form["buyer_name"]) == (offer.owner_org.name,
                                                         wanted.owner_org.name)
    assert (form["contract_type"], form["contract_subtype"], form["ip_type"]) == (
        "transfer", "patent", "patent")
    assert (form["tech_field"], form["volume"], form["tech_income"]) == (
        "new_materials", "500000.00", "500000.00")
    assert (form["seller_party_type"], form["buyer_party_type"]) == ("university", "")
    form.update(registration_number=NUMBER, buyer_party_type="enterprise_llc")
    saved = client.post(f"/contracts/new?case={case_id}",
                        data={**form, "evidence": (io.BytesIO(PDF), "合同.pdf")},
                        content_type="multipart/form-data")
    assert saved.status_code == 302, text(saved)

    contract = db.session.scalars(select(Contract)).one()
    assert (contract.match_case_id, contract.broker_id, contract.achievement_id,
            contract.need_id, contract.seller_org_id) == (case_id, me.id, offer.id, wanted.id,
                                                          offer.owner_org_id)
    case = db.session.get(MatchCase, case_id)
    assert case.status == "registered" and case.closed_at is not None
    assert f"/cases/{case_id}" in text(client.get(f"/contracts/{contract.id}"))
    assert NUMBER in text(client.get(f"/cases/{case_id}"))
    # A broker's submission waits (待认定) until the seller zone's registry officer
    # confirms it (认定登记); only then does the zone's volume move.
    assert contract.status == "pending" and zone_volume(client, year) == ("万元", 0)
    client.post("/logout")
    login(client, RegistryOfficerFactory(zone_code=contract.seller_zone).user)
    assert client.post(f"/contracts/{contract.id}/recognition",
                       data={"registration_number": NUMBER}).status_code == 302
    assert zone_volume(client, year) == ("万元", 50.0)


@pytest.fixture
def signed(db_session):
    me = BrokerFactory()
    case = advance(me, open_case(me), "signed")
    return me, case


def test_a_bad_form_leaves_the_case_signed_and_no_contract(client, signed):
    me, case = signed
    login(client, me)
    form = form_values(text(client.get(f"/contracts/new?case={case.id}")))
    response = client.post(f"/contracts/new?case={case.id}", data=form)  # no number, no type
    assert response.status_code == 422
    assert contracts() == 0
    db.session.expire_all()
    assert db.session.get(MatchCase, case.id).status == "signed"


def test_registration_from_a_case_is_refused_to_the_wrong_people_and_states(client, signed):
    me, case = signed
    seller_admin = UserFactory(role="org_admin", organisation=case.achievements[0].owner_org)
    buyer = UserFactory(role="enterprise", organisation=case.need.owner_org)
    other_broker = BrokerFactory()
    db.session.commit()
    url = f"/contracts/new?case={case.id}"
    login(client, other_broker)
    assert client.get(url).status_code == 404
    assert client.post(url, data={"registration_number": NUMBER}).status_code == 404
    client.post("/logout")
    login(client, seller_admin)  # sees the case, registers contracts, but is not on it
    assert client.get(url).status_code == 403
    client.post("/logout")
    login(client, buyer)  # enterprises do not use the registry
    assert client.get(url).status_code == 403
    client.post("/logout")
    login(client, me)
    assert client.get("/contracts/new?case=abc").status_code == 400
    assert client.get("/contracts/new?case=999999").status_code == 404
    assert contracts() == 0


def test_only_signed_cases_open_the_registration_form(client, db_session):
    me = BrokerFactory()
    case = advance(me, open_case(me), "negotiating")
    login(client, me)
    response = client.get(f"/contracts/new?case={case.id}")
    assert response.status_code == 409 and "已签约" in text(response)
    assert f"/contracts/new?case={case.id}" not in text(client.get(f"/cases/{case.id}"))
