"""Registration numbers are one contract however their case, width and spaces are
written; amounts are positive. Through the API and the import."""

from sqlalchemy import select

from matchhub.contracts.models import Contract
from matchhub.core.extensions import db
from tests.api.helpers import assert_error, bearer
from tests.contracts.helpers import csv_row
from tests.contracts.people import officer, platform_admin
from tests.contracts.test_api import BOTH, URL, body, count, imported
from tests.contracts.test_pages import form_data
from tests.factories.contracts import ContractFactory
from tests.web.helpers import field_error, login, text


def upload(client, number: str, headers, **changes):
    row = csv_row(1, **{"合同登记编号": number, **changes})
    return imported(client, [row], headers)


def test_numbers_differing_in_case_width_or_spaces_are_one_contract(client):
    headers = bearer(officer(), BOTH)
    created = client.post(URL, json=body(registration_number="audit2024-0001"), headers=headers)
    assert created.status_code == 201, created.get_json()
    for variant in ("AUDIT2024-0001", "ＡＵＤＩＴ２０２４－０００１", " audit 2024-0001 "):
        response = client.post(URL, json=body(2, registration_number=variant), headers=headers)
        assert "registration_number" in assert_error(response, 422,
                                                     "validation_failed")["fields"]
    assert count() == 1
    assert db.session.scalar(select(Contract.registration_number)) == "AUDIT2024-0001"


def test_a_file_with_two_numbers_normalising_alike_is_refused_naming_both_rows(client):
    headers = bearer(platform_admin(), BOTH)
    rows = [csv_row(1, **{"合同登记编号": "audit2024-0001"}),
            csv_row(2, **{"合同登记编号": "AUDIT2024-0001"})]
    failed = imported(client, rows, headers)
    assert failed["status"] == "failed"
    found = failed["report"]["errors"]
    assert [(r["row"], r["field"]) for r in found] == [(3, "合同登记编号")]
    assert "第 2 行" in str(found)
    assert count() == 0


def test_an_import_matching_a_recorded_number_in_other_case_is_refused(client):
    headers = bearer(platform_admin(), BOTH)
    assert upload(client, "audit2024-0001", headers)["status"] == "succeeded"
    failed = upload(client, "AUDIT2024-0001", headers, **{"成交额(元)": "2000000"})
    assert failed["status"] == "failed"
    assert "AUDIT2024-0001" in str(failed["report"]["errors"])
    same = upload(client, "Audit2024-0001", headers)
    assert same["status"] == "succeeded" and same["report"]["unchanged"] == 1
    assert count() == 1


def test_zero_volume_is_refused_naming_the_field(client):
    headers = bearer(officer(), BOTH)
    response = client.post(URL, json=body(volume="0", tech_income="0"), headers=headers)
    assert "volume" in assert_error(response, 422, "validation_failed")["fields"]
    failed = upload(client, "2016620100000001", bearer(platform_admin(), BOTH),
                    **{"成交额(元)": "0", "技术交易额(元)": "0"})
    assert failed["status"] == "failed"
    assert [r["field"] for r in failed["report"]["errors"]] == ["成交额(元)"]
    assert count() == 0


def test_a_number_recorded_before_normalising_is_found_in_any_case(client):
    legacy = ContractFactory(registration_number="audit2024-0001")
    headers = bearer(platform_admin(), BOTH)
    failed = upload(client, "AUDIT2024-0001", headers, **{"成交额(元)": "2000000"})
    assert failed["status"] == "failed"
    assert f"audit2024-0001（合同编号 {legacy.id}）" in str(failed["report"]["errors"])
    response = client.post(URL, json=body(2, registration_number="Audit2024-0001"),
                           headers=bearer(officer(), BOTH))
    assert "registration_number" in assert_error(response, 422, "validation_failed")["fields"]
    assert count() == 1


def test_a_database_holding_two_alike_numbers_names_both(client):
    first = ContractFactory(registration_number="audit2024-0001")
    second = ContractFactory(registration_number="AUDIT2024-0001")
    failed = upload(client, "Audit2024-0001", bearer(platform_admin(), BOTH))
    assert failed["status"] == "failed"
    found = str(failed["report"]["errors"])
    assert f"合同编号 {first.id}" in found and f"合同编号 {second.id}" in found


def test_register_form_normalises_numbers_and_refuses_zero_volume(client):
    user = officer()
    db.session.commit()
    login(client, user)
    ok = client.post("/contracts/new", data=form_data(1, registration_number="audit2024-0001"))
    assert ok.status_code == 302
    twin = client.post("/contracts/new", data=form_data(2, registration_number="AUDIT2024-0001"))
    assert "已存在" in field_error(text(twin), "registration_number")
    zero = client.post("/contracts/new", data=form_data(3, volume="0", tech_income="0"))
    assert "大于 0" in field_error(text(zero), "volume")
    assert count() == 1
