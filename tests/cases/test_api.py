"""/api/v1/cases: scopes, visibility, opening, version-checked transitions and routing."""

from matchhub.cases.models import MatchCase
from matchhub.core.extensions import db
from tests.api.helpers import assert_error, bearer
from tests.cases.helpers import advance, open_case, pair
from tests.factories import BrokerFactory, OrganisationFactory, UserFactory
from tests.matching.helpers import need

SCOPES = ["cases:read", "cases:write"]
URL = "/api/v1/cases/"


def test_tokens_and_scopes(client, db_session):
    me = BrokerFactory()
    db.session.commit()
    assert_error(client.get(URL), 401, "unauthorized")
    assert_error(client.get(URL, headers=bearer(me, ["catalog:read"])), 403, "forbidden")
    read_only = bearer(me, ["cases:read"])
    assert client.get(URL, headers=read_only).status_code == 200
    assert_error(client.post(URL, json={"need_id": 1}, headers=read_only), 403, "forbidden")


def test_open_read_and_move_a_case(client, db_session):
    me = BrokerFactory()
    wanted, offer = pair()
    headers = bearer(me, SCOPES)
    created = client.post(URL, json={"need_id": wanted.id, "achievement_ids": [offer.id]},
                          headers=headers)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert (body["status"], body["version"], body["status_label"]) == ("recommended", 1, "推荐")
    assert body["achievements"][0]["id"] == offer.id and body["brokers"][0]["broker_id"] == me.id
    url = f"{URL}{body['id']}/transition"
    moved = client.post(url, json={"to": "contacted", "version": 1, "note": "已电话联系"},
                        headers=headers)
    assert moved.status_code == 200 and moved.get_json()["version"] == 2
    assert moved.get_json()["history"][-1]["note"] == "已电话联系"
    stale = assert_error(client.post(url, json={"to": "negotiating", "version": 1},
                                     headers=headers), 409, "conflict")
    assert "已被他人修改" in stale["message"] and stale["fields"] == {"version": ["当前版本为 2"]}
    jump = assert_error(client.post(url, json={"to": "signed", "version": 2}, headers=headers),
                        409, "invalid_transition")
    assert "to" in jump["fields"]
    missing = assert_error(client.post(url, json={"to": "negotiating"}, headers=headers),
                           422, "validation_failed")
    assert "version" in missing["fields"]
    bad = assert_error(client.post(url, json={"to": "done", "version": 2}, headers=headers),
                       422, "validation_failed")
    assert "to" in bad["fields"]
    no_reason = assert_error(client.post(url, json={"to": "terminated", "version": 2},
                                         headers=headers), 422, "validation_failed")
    assert "reason" in no_reason["fields"]
    assert db.session.get(MatchCase, body["id"]).version == 2


def test_plan_through_the_api(client, db_session):
    me = BrokerFactory()
    case = open_case(me)
    headers = bearer(me, SCOPES)
    url = f"{URL}{case.id}/plan"
    saved = client.put(url, json={"version": 1, "next_action": "寄送样品", "due_on": "2030-03-01",
                                  "agreed_amount": "650000.00"}, headers=headers)
    assert saved.status_code == 200
    assert saved.get_json()["agreed_amount_display"] == "65.00 万元"
    bad = assert_error(client.put(url, json={"version": 2, "agreed_amount": 1.5},
                                  headers=headers), 422, "validation_failed")
    assert "agreed_amount" in bad["fields"]


def test_invisible_cases_are_404_and_lists_are_filtered(client, db_session):
    me = BrokerFactory()
    case = advance(me, open_case(me), "contacted")
    outsider = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    buyer = UserFactory(role="enterprise", organisation=case.need.owner_org)
    stranger = bearer(outsider, SCOPES)
    assert_error(client.get(f"{URL}{case.id}", headers=stranger), 404, "not_found")
    assert_error(client.post(f"{URL}{case.id}/transition", json={"to": "negotiating",
                                                                   "version": 2},
                             headers=stranger), 404, "not_found")
    assert client.get(URL, headers=stranger).get_json()["total"] == 0
    party = bearer(buyer, SCOPES)
    assert client.get(URL, headers=party).get_json()["total"] == 1
    assert_error(client.post(f"{URL}{case.id}/transition", json={"to": "negotiating",
                                                                   "version": 2},
                             headers=party), 403, "forbidden")
    listed = client.get(f"{URL}?status=contacted", headers=bearer(me, SCOPES)).get_json()
    assert [item["id"] for item in listed["items"]] == [case.id]
    assert_error(client.get(f"{URL}?status=bogus", headers=bearer(me, SCOPES)), 422,
                 "validation_failed")


def test_routing_through_the_api(client, db_session):
    org = OrganisationFactory(kind="transfer_institution")
    boss = UserFactory(role="org_admin", organisation=org)
    mine = BrokerFactory(organisation=org)
    wanted, other = need(), need()
    headers = bearer(boss, SCOPES)
    auto = client.post(f"{URL}route", json={"need_id": wanted.id}, headers=headers)
    assert auto.status_code == 201 and auto.get_json()["brokers"][0]["how"] == "auto"
    by_hand = client.post(f"{URL}route", json={"need_id": other.id, "broker_id": mine.id},
                          headers=headers)
    assert by_hand.status_code == 201 and by_hand.get_json()["brokers"][0]["how"] == "manual"
    assert_error(client.post(f"{URL}route", json={"need_id": other.id},
                             headers=bearer(mine, SCOPES)), 403, "forbidden")


def test_the_openapi_document_lists_the_case_endpoints(client, db_session):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/api/v1/cases/", "/api/v1/cases/{case_id}", "/api/v1/cases/{case_id}/transition",
            "/api/v1/cases/{case_id}/plan", "/api/v1/cases/route"} <= set(paths)
