"""A ledger with parties anywhere in China: region codes checked against the national
GB/T 2260 table for the signing year, through the API and the import."""

import datetime as dt

from matchhub.core.extensions import db
from tests.api.helpers import assert_error, bearer
from tests.contracts.helpers import csv_row
from tests.contracts.people import officer, platform_admin
from tests.contracts.test_api import BOTH, URL, body, count, imported
from tests.contracts.test_pages import form_data
from tests.web.helpers import field_error, login, text


def test_buyers_in_counties_of_other_provinces_are_accepted(client):
    headers = bearer(officer(), BOTH)
    for n, code in enumerate(("110108", "610113", "320102", "620171", "620102"), start=1):
        response = client.post(URL, json=body(n, buyer_region_code=code), headers=headers)
        assert response.status_code == 201, response.get_json()
    assert count() == 5


def test_unknown_county_is_refused_naming_the_nearest_valid_level(client):
    headers = bearer(officer(), BOTH)
    response = client.post(URL, json=body(buyer_region_code="620199"), headers=headers)
    message = assert_error(response, 422, "validation_failed")["fields"]["buyer_region_code"]
    assert "620199" in str(message) and "620100 兰州市" in str(message)
    response = client.post(URL, json=body(buyer_region_code="129999"), headers=headers)
    assert "120000 天津市" in str(assert_error(response, 422, "validation_failed")["fields"])
    assert count() == 0


def test_codes_are_checked_for_the_signing_year(client):
    headers = bearer(officer(), BOTH)
    # 华亭县 620824 became 华亭市 620881 in 2018.
    late = body(1, buyer_region_code="620824", signed_on="2019-03-01",
                registered_on="2019-03-15")
    message = str(assert_error(client.post(URL, json=late, headers=headers), 422,
                               "validation_failed")["fields"]["buyer_region_code"])
    assert "2019" in message and "620800 平凉市" in message
    early = body(2, buyer_region_code="620881")
    assert "buyer_region_code" in assert_error(
        client.post(URL, json=early, headers=headers), 422, "validation_failed")["fields"]
    assert client.post(URL, json=body(3, buyer_region_code="620824"),
                       headers=headers).status_code == 201
    assert client.post(URL, json=body(4, buyer_region_code="620881", signed_on="2019-03-01",
                                      registered_on="2019-03-15"),
                       headers=headers).status_code == 201


def test_import_accepts_counties_anywhere_and_refuses_unknown_ones(client):
    headers = bearer(platform_admin(), BOTH)
    bad = [csv_row(1, **{"买方地区代码": "110108"}), csv_row(2, **{"买方地区代码": "620199"})]
    failed = imported(client, bad, headers)
    assert failed["status"] == "failed"
    rows = failed["report"]["errors"]
    assert [(r["row"], r["field"]) for r in rows] == [(3, "买方地区代码")]
    assert count() == 0
    good = [csv_row(1, **{"买方地区代码": "110108"}), csv_row(2, **{"买方地区代码": "320102"}),
            csv_row(3, **{"卖方地区代码": "620171", "买方地区代码": "610113"})]
    ok = imported(client, good, headers)
    assert ok["status"] == "succeeded" and ok["report"]["created"] == 3


def test_a_2015_contract_may_carry_a_code_retired_since(client):
    headers = bearer(officer(), BOTH)
    # 白银区 as a district of 兰州 (620112) was only in use 1983-1985: refused in 2016.
    response = client.post(URL, json=body(1, buyer_region_code="620112"), headers=headers)
    assert "buyer_region_code" in assert_error(response, 422, "validation_failed")["fields"]
    assert dt.date(2016, 3, 1)  # signing date of body()


def test_register_form_checks_codes_nationwide(client):
    user = officer()
    db.session.commit()
    login(client, user)
    ok = client.post("/contracts/new", data=form_data(1, buyer_region_code="610113"))
    assert ok.status_code == 302
    bad = client.post("/contracts/new", data=form_data(2, buyer_region_code="620199"))
    assert bad.status_code == 422
    assert "620100 兰州市" in field_error(text(bad), "buyer_region_code")
    assert count() == 1
