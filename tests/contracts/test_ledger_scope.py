"""Parties abroad (country code instead of a region), contracts registered in another
province (外省登记: only the province or the command line brings them in, marked
everywhere), the form's party-type codes and the rules a contract was registered under."""

import datetime as dt
import io

import pytest

from matchhub.contracts.services import build_contract
from matchhub.core.errors import ValidationFailed
from tests.api.helpers import bearer
from tests.contracts.helpers import CSV_HEADERS, TODAY, contract_input, csv_row
from tests.contracts.people import officer, platform_admin, register, zone_admin
from tests.imports.helpers import csv_bytes
from tests.web.helpers import login, text

ELSEWHERE = {"seller_region_code": "110108", "seller_name": "北京某研究院",
             "buyer_region_code": "620102"}


def errors_of(**changes) -> dict:
    with pytest.raises(ValidationFailed) as caught:
        build_contract(contract_input(**changes), TODAY)
    return caught.value.fields


def test_a_buyer_abroad_carries_a_country_and_counts_in_no_region():
    contract = build_contract(contract_input(buyer_region_code="", buyer_country="840"), TODAY)
    assert (contract.buyer_country, contract.buyer_region_code) == ("840", "")
    assert (contract.buyer_zone, contract.buyer_province) == ("", "")
    assert contract.seller_zone == "620100" and not contract.registered_elsewhere


@pytest.mark.parametrize("written", ["US", "USA", "美国", "840"])
def test_country_written_as_code_or_name(written):
    contract = build_contract(contract_input(buyer_region_code="", buyer_country=written),
                              TODAY)
    assert contract.buyer_country == "840"


def test_abroad_refusals_name_the_field():
    assert "seller_country" in errors_of(seller_region_code="", seller_country="999")
    assert "buyer_region_code" in errors_of(buyer_country="276")  # region and country both
    both = errors_of(seller_region_code="", seller_country="840", buyer_region_code="",
                     buyer_country="276")
    assert "买卖双方不能都在境外" in both["buyer_country"][0]
    assert "buyer_region_code" in errors_of(buyer_region_code="", buyer_country="156")


def test_seller_in_another_province_is_registered_elsewhere():
    contract = build_contract(contract_input(**ELSEWHERE), TODAY)
    assert contract.registered_elsewhere and contract.seller_province == "110000"
    assert contract.buyer_zone == "620100" and contract.seller_zone == ""
    abroad = build_contract(contract_input(seller_region_code="", seller_country="276"),
                            TODAY)
    assert not abroad.registered_elsewhere  # registered by its domestic buyer


def test_zone_admin_may_not_register_a_contract_registered_elsewhere(client):
    login(client, zone_admin("620100"))
    form = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in contract_input(**ELSEWHERE).items()}
    response = client.post("/contracts/new", data=form)
    assert response.status_code == 403
    assert "外省登记" in text(response)


def test_platform_admin_registers_it_and_it_is_marked(client):
    admin = platform_admin()
    contract = register(admin, **ELSEWHERE)
    assert contract.status == "active" and contract.registered_elsewhere
    login(client, admin)
    assert "外省登记" in text(client.get(f"/contracts/{contract.id}"))
    assert "外省登记" in text(client.get("/contracts/"))
    body = client.get(f"/api/v1/contracts/{contract.id}",
                      headers=bearer(admin, ["contracts:read"])).get_json()
    assert body["registered_elsewhere"] is True


def test_detail_shows_the_country_of_a_party_abroad(client):
    admin = platform_admin()
    contract = register(admin, buyer_region_code="", buyer_country="276")
    login(client, admin)
    assert "境外：德国（276）" in text(client.get(f"/contracts/{contract.id}"))


HEADERS = [*CSV_HEADERS, "买方国别"]


def elsewhere_file() -> bytes:
    rows = [csv_row(1, **{"卖方地区代码": "320102", "买方地区代码": "620403"}) + [""],
            csv_row(2, **{"买方地区代码": ""}) + ["840"]]
    return csv_bytes(HEADERS, rows)


def test_cli_imports_rows_registered_elsewhere_and_abroad(runner, tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_bytes(elsewhere_file())
    result = runner.invoke(args=["contracts", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "新登记 2 份" in result.output and "外省登记合同 1 份" in result.output


def test_an_officers_import_of_a_row_registered_elsewhere_is_refused(client):
    headers = bearer(officer("620400"), ["contracts:read", "contracts:write"])
    response = client.post("/api/v1/contracts/import", headers=headers,
                           content_type="multipart/form-data",
                           data={"file": (io.BytesIO(elsewhere_file()), "合同.csv")})
    assert response.status_code == 202  # the job, run in the request here
    assert response.get_json()["status"] == "failed"
    rows = response.get_json()["report"]["errors"]
    assert any(r["row"] == 2 and "外省登记" in r["message"] for r in rows)


def test_platform_admin_api_import_counts_registered_elsewhere(client):
    headers = bearer(platform_admin(), ["contracts:read", "contracts:write"])
    response = client.post("/api/v1/contracts/import", headers=headers,
                           content_type="multipart/form-data",
                           data={"file": (io.BytesIO(elsewhere_file()), "合同.csv")})
    assert response.status_code == 202, response.get_json()
    assert response.get_json()["report"]["registered_elsewhere"] == 1


@pytest.mark.parametrize(("code", "party"), [
    ("400", "individual"), ("0211", "research_institute"), ("013", "government"),
    ("0232", "medical")])
def test_form_party_type_codes(code, party):
    contract = build_contract(contract_input(seller_party_type=code), TODAY)
    assert contract.seller_party_type == party


def test_form_offers_the_region_picker_and_countries(client):
    login(client, platform_admin())
    page = client.get("/contracts/new").get_data(as_text=True)
    assert 'data-region-picker' in page
    assert '<script src="/static/js/region_picker.js" data-regions-url="/regions"' in page
    assert "美国（840）" in page and "境内（不选）" in page


def test_detail_names_the_rules_of_the_registration_date(client):
    admin = platform_admin()
    old = register(admin, 1)
    new = register(admin, 2, signed_on=dt.date(2026, 1, 5), registered_on=dt.date(2026, 2, 1))
    login(client, admin)
    assert "《技术合同认定规则》（2001 年）" in text(client.get(f"/contracts/{old.id}"))
    assert "2026 年，工业和信息化部" in text(client.get(f"/contracts/{new.id}"))
