"""The case pages: the list with overdue cases, the case page's forms and their refusals,
and who may see or work a case there."""

import datetime as dt

from matchhub.cases import planning
from matchhub.cases.models import MatchCase
from matchhub.core import clock
from matchhub.core.extensions import db
from tests.cases.helpers import advance, open_case
from tests.factories import BrokerFactory, OrganisationFactory, UserFactory
from tests.web.helpers import login, text

YESTERDAY = clock.today() - dt.timedelta(days=1)


def test_list_highlights_overdue_cases(client, db_session):
    me = BrokerFactory()
    late, fine = open_case(me), open_case(me)
    planning.update_plan(db.session, me, late, {"next_action": "电话回访企业",
                                                "due_on": YESTERDAY}, version=1)
    db.session.commit()
    login(client, me)
    page = text(client.get("/cases"))
    assert page.count('class="overdue"') == 1 and "已逾期" in page and "电话回访企业" in page
    assert f'href="/cases/{late.id}"' in page and f'href="/cases/{fine.id}"' in page
    assert "已逾期" in text(client.get(f"/cases/{late.id}"))
    assert client.get("/cases?status=bogus").status_code == 400


def test_cases_need_sign_in_and_are_404_to_strangers(client, db_session):
    me = BrokerFactory()
    case = open_case(me)
    outsider = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    db.session.commit()
    response = client.get(f"/cases/{case.id}")
    assert response.status_code == 302 and "/login" in response.location
    login(client, outsider)
    assert client.get(f"/cases/{case.id}").status_code == 404
    data = {"to": "contacted", "version": 1}
    assert client.post(f"/cases/{case.id}/transition", data=data).status_code == 404
    assert f"/cases/{case.id}" not in text(client.get("/cases"))


def test_parties_see_the_case_but_cannot_move_it(client, db_session):
    me = BrokerFactory()
    case = open_case(me)
    buyer = UserFactory(role="enterprise", organisation=case.need.owner_org)
    db.session.commit()
    login(client, buyer)
    page = text(client.get(f"/cases/{case.id}"))
    assert case.need.title in page and "推进对接" not in page
    response = client.post(f"/cases/{case.id}/transition", data={"to": "contacted", "version": 1})
    assert response.status_code == 403
    assert db.session.get(MatchCase, case.id).status == "recommended"


def test_a_stale_form_is_a_409_with_a_clear_message(client, db_session):
    me = BrokerFactory()
    case = advance(me, open_case(me), "contacted")
    login(client, me)
    response = client.post(f"/cases/{case.id}/transition",
                           data={"to": "negotiating", "version": 1, "note": "旧页面"})
    page = text(response)
    assert response.status_code == 409
    assert "您打开此页后，对接单已被他人修改，本次提交未保存" in page
    assert "旧页面" in page  # what was typed is kept
    db.session.expire_all()
    assert db.session.get(MatchCase, case.id).status == "contacted"


def test_illegal_jumps_and_missing_reasons_are_refused_on_the_page(client, db_session):
    me = BrokerFactory()
    case = open_case(me)
    login(client, me)
    url = f"/cases/{case.id}/transition"
    jump = client.post(url, data={"to": "signed", "version": 1})
    assert jump.status_code == 409 and "不能从「推荐」直接变为「已签约」" in text(jump)
    registered = client.post(url, data={"to": "registered", "version": 1})
    assert registered.status_code == 409 and "直接变为「已登记」" in text(registered)
    no_reason = client.post(url, data={"to": "terminated", "version": 1})
    assert no_reason.status_code == 422 and "reason：必填" in text(no_reason)
    no_version = client.post(url, data={"to": "contacted"})
    assert no_version.status_code == 422 and "version" in text(no_version)
    db.session.expire_all()
    assert db.session.get(MatchCase, case.id).version == 1


def test_plan_form_and_its_field_errors(client, db_session):
    me = BrokerFactory()
    case = open_case(me)
    login(client, me)
    url = f"/cases/{case.id}/plan"
    bad = client.post(url, data={"version": 1, "next_action": "约见", "due_on": "2026-13-40",
                                 "agreed_amount": "abc"})
    assert bad.status_code == 422 and "due_on" in text(bad)
    bad_amount = client.post(url, data={"version": 1, "next_action": "约见",
                                        "agreed_amount": "abc"})
    assert bad_amount.status_code == 422 and "agreed_amount" in text(bad_amount)
    saved = client.post(url, data={"version": 1, "next_action": "约见企业技术负责人",
                                   "due_on": "2030-01-15", "agreed_amount": "80万元"})
    assert saved.status_code == 302
    page = text(client.get(f"/cases/{case.id}"))
    assert "约见企业技术负责人" in page and "2030-01-15" in page and "80.00 万元" in page


def test_opening_a_case_from_the_page_names_bad_fields(client, db_session):
    me = BrokerFactory()
    db.session.commit()
    login(client, me)
    assert client.post("/cases", data={"need_id": "x"}).status_code == 422
    assert client.post("/cases", data={"need_id": "999999"}).status_code == 422
    enterprise = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    db.session.commit()
    client.post("/logout")
    login(client, enterprise)
    assert "从对接推荐开单" not in text(client.get("/cases"))
    assert db.session.query(MatchCase).count() == 0


def test_admin_sees_every_case(client, db_session):
    case = open_case(BrokerFactory())
    boss = UserFactory(platform_admin=True)
    db.session.commit()
    login(client, boss)
    assert f'href="/cases/{case.id}"' in text(client.get("/cases"))
    assert "推进对接" in text(client.get(f"/cases/{case.id}"))
