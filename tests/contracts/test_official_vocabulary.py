"""The registry's official vocabulary (技术合同认定登记): party types at group level and as the
form's numeric codes, official sub-type names and their common spellings, 技术领域 as the
national statistics write them, and licences by date (民法典: 技术许可 from 2021)."""

import datetime as dt
import io

import pytest

from matchhub.contracts.models import Contract
from matchhub.contracts.services import create_contract
from matchhub.core.extensions import db
from matchhub.zones.statistics.report import build_report
from tests.api.helpers import bearer
from tests.contracts.helpers import CSV_HEADERS, TODAY, contract_input, csv_row
from tests.contracts.people import officer
from tests.factories import UserFactory
from tests.imports.helpers import csv_bytes

URL = "/api/v1/contracts/"
BOTH = ["contracts:read", "contracts:write"]


def _ledger() -> bytes:
    rows = [
        csv_row(1, **{"卖方性质": "内资企业", "买方性质": "事业单位", "合同类型": "技术转让",
                      "合同子类型": "专利权转让"}),
        csv_row(2, **{"卖方性质": "022", "买方性质": "150", "合同类型": "技术许可",
                      "合同子类型": "技术秘密使用许可", "签订日期": "2022-03-01",
                      "登记日期": "2022-03-15"}),
        csv_row(3, **{"卖方性质": "企业", "买方性质": "210", "合同类型": "技术服务",
                      "合同子类型": "技术服务", "技术领域": "生物、医药和医疗器械"}),
        csv_row(4, **{"卖方性质": "010", "买方性质": "自然人", "合同类型": "技术许可",
                      "合同子类型": "专利实施许可", "技术领域": "生物医药和医疗器械"}),
    ]
    return csv_bytes(CSV_HEADERS, rows)


def _stored(number: str) -> Contract:
    return db.session.query(Contract).filter_by(registration_number=number).one()


def test_api_import_takes_group_level_and_numeric_party_types_and_official_names(client):
    response = client.post(URL + "import", data={"file": (io.BytesIO(_ledger()), "台账.csv")},
                           headers=bearer(officer(), BOTH), content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    assert response.get_json()["status"] == "succeeded", response.get_json()  # run inline
    first = _stored("2016620100000001")
    assert (first.seller_party_type, first.buyer_party_type) == (
        "enterprise_unspecified", "public_unspecified")
    assert (first.contract_type, first.contract_subtype) == ("transfer", "patent")
    second = _stored("2016620100000002")
    assert (second.seller_party_type, second.buyer_party_type) == ("university", "enterprise_llc")
    assert (second.contract_type, second.contract_subtype) == ("license", "know_how_license")
    third = _stored("2016620100000003")
    assert (third.seller_party_type, third.buyer_party_type) == ("enterprise_any", "hmt_joint")
    assert (third.contract_subtype, third.tech_field) == ("general", "biomedicine")
    fourth = _stored("2016620100000004")  # signed 2016: a licence was a 技术转让 sub-type
    assert (fourth.seller_party_type, fourth.buyer_party_type) == ("government", "individual")
    assert (fourth.contract_type, fourth.contract_subtype) == ("transfer", "patent_license")


def test_api_takes_codes_and_aliases_and_shows_official_labels(client):
    headers = bearer(officer(), BOTH)
    data = contract_input(5, seller_party_type="100", buyer_party_type="事业法人",
                          contract_type="技术许可", contract_subtype="技术秘密许可",
                          signed_on=dt.date(2023, 1, 5), registered_on=dt.date(2023, 2, 1))
    body = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    created = client.post(URL, json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    shown = created.get_json()
    assert shown["seller_party_type"] == "enterprise_unspecified"
    assert "未细分" in shown["seller_party_type_label"]
    assert shown["contract_subtype_label"] == "技术秘密使用许可"
    assert shown["tech_field_label"] == "农业"
    old = contract_input(6, contract_type="技术转让", contract_subtype="专利实施许可",
                         seller_party_type="社会团体", buyer_party_type="330")
    body = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in old.items()}
    created = client.post(URL, json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["contract_type"] == "transfer"
    assert created.get_json()["buyer_party_type"] == "foreign_sole"
    bad = client.post(URL, json={**body, "registration_number": "2016620100000007",
                                 "seller_party_type": "999"}, headers=headers)
    assert bad.status_code == 422 and "seller_party_type" in bad.get_json()["error"]["fields"]


@pytest.fixture
def admin():
    return UserFactory(role="platform_admin", organisation=None)


def _zone(year: int):
    report = build_report(db.session, year, None, TODAY)
    return next(z for z in report.zones if z.code == "620100").indicators


def test_licences_count_under_transfer_before_2021_and_under_licence_from_2021(admin):
    create_contract(db.session, admin, contract_input(
        1, contract_type="license", contract_subtype="patent_license", volume="100",
        tech_income="100", signed_on=dt.date(2020, 5, 1), registered_on=dt.date(2020, 5, 2)),
        TODAY)
    create_contract(db.session, admin, contract_input(
        2, contract_type="license", contract_subtype="patent_license", volume="40",
        tech_income="40", signed_on=dt.date(2021, 5, 1), registered_on=dt.date(2021, 5, 2)),
        TODAY)
    before = _zone(2020)["contract_volume_output_by_type"]
    assert before.value["transfer"] == "100.00" and "license" not in before.value
    assert list(before.labels) == ["development", "transfer", "consulting", "service"]
    after = _zone(2021)["contract_volume_output_by_type"]
    assert after.value["license"] == "40.00" and after.value["transfer"] == "0.00"


def test_a_legacy_licence_stored_before_2021_is_still_reported_under_transfer(admin):
    contract = create_contract(db.session, admin, contract_input(
        1, volume="70", tech_income="70", signed_on=dt.date(2019, 5, 1),
        registered_on=dt.date(2019, 5, 2)), TODAY)
    contract.contract_type, contract.contract_subtype = "license", "patent_license"
    db.session.flush()
    counts = _zone(2019)["contract_count_output_by_type"]
    assert counts.value["transfer"] == 1 and "license" not in counts.value


def test_group_level_party_types_count_in_their_group_and_show_as_unspecified(admin):
    create_contract(db.session, admin, contract_input(
        1, seller_party_type="内资企业", volume="30", tech_income="30"), TODAY)
    create_contract(db.session, admin, contract_input(
        2, seller_party_type="enterprise_llc", volume="20", tech_income="20"), TODAY)
    create_contract(db.session, admin, contract_input(
        3, seller_party_type="企业", volume="5", tech_income="5"), TODAY)
    values = _zone(2016)
    by_type = values["contract_volume_output_by_party_type"]
    assert by_type.value["enterprise_unspecified"] == "30.00"
    assert "未细分" in by_type.labels["enterprise_unspecified"]
    groups = values["contract_volume_output_by_party_group"]
    assert groups.value["enterprise"] == "50.00"
    assert groups.value["enterprise_any"] == "5.00"
    assert groups.labels["association"] == "社会团体"
