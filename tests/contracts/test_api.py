"""/api/v1/contracts: visibility, scopes, errors in our shape, audit, import, OpenAPI."""

import io

from sqlalchemy import func, select

from matchhub.contracts.models import Contract
from matchhub.core.extensions import db
from tests.api.helpers import assert_error, bearer
from tests.contracts.helpers import CSV_HEADERS, contract_input, csv_row
from tests.contracts.people import (
    broker,
    officer,
    org_admin,
    platform_admin,
    publisher,
    register,
    zone_admin,
)
from tests.imports.helpers import csv_bytes

BOTH = ["contracts:read", "contracts:write"]
URL = "/api/v1/contracts/"


def body(n: int = 1, **changes) -> dict:
    data = contract_input(n, **changes)
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Contract))


def numbers(response) -> set[str]:
    return {item["registration_number"] for item in response.get_json()["items"]}


def test_anonymous_is_401_and_bad_token_is_401(client):
    assert_error(client.get(URL), 401, "unauthorized")
    assert_error(client.post(URL, json=body()), 401, "unauthorized")
    assert_error(client.post(URL + "import"), 401, "unauthorized")
    response = client.get(URL, headers={"Authorization": "Bearer mh_nope"})
    assert_error(response, 401, "unauthorized")


def test_missing_scope_and_wrong_role_are_403(client):
    catalog_only = bearer(platform_admin(), ["catalog:read"])
    assert_error(client.get(URL, headers=catalog_only), 403, "forbidden")
    read_only = bearer(platform_admin(), ["contracts:read"])
    assert_error(client.post(URL, json=body(), headers=read_only), 403, "forbidden")
    publisher_token = bearer(publisher(), BOTH)
    assert_error(client.get(URL, headers=publisher_token), 403, "forbidden")
    assert_error(client.post(URL, json=body(), headers=publisher_token), 403, "forbidden")
    assert count() == 0


def test_list_has_the_pages_visibility(client):
    own, other = broker(), broker()
    register(own, 1)
    register(other, 2, seller_region_code="620500", buyer_region_code="620500")
    cases = [(platform_admin(), {"2016620100000001", "2016620100000002"}),
             (own, {"2016620100000001"}), (zone_admin("620500"), {"2016620100000002"}),
             (org_admin(), set())]
    for user, expected in cases:
        response = client.get(URL, headers=bearer(user, ["contracts:read"]))
        assert response.status_code == 200
        assert numbers(response) == expected
    page = client.get(URL + "?per_page=1&year=2016", headers=bearer(cases[0][0], BOTH))
    assert page.get_json()["total"] == 2 and page.get_json()["pages"] == 2


def test_bad_filters_are_422_naming_the_parameter(client):
    error = assert_error(client.get(URL + "?zone=999999&type=magic",
                                    headers=bearer(platform_admin(), BOTH)),
                         422, "validation_failed")
    assert set(error["fields"]) == {"zone", "type"}


def test_get_is_404_for_invisible_and_shows_labels_for_visible(client):
    contract = register(broker())
    for user in (broker(), zone_admin("620500"), org_admin()):
        assert_error(client.get(f"{URL}{contract.id}", headers=bearer(user, BOTH)),
                     404, "not_found")
    assert_error(client.get(f"{URL}99999", headers=bearer(platform_admin(), BOTH)),
                 404, "not_found")
    item = client.get(f"{URL}{contract.id}", headers=bearer(zone_admin("621100"), BOTH))
    data = item.get_json()
    assert data["contract_type_label"] == "技术开发" and data["volume"] == "1250000.50"
    assert data["volume_display"] == "125.00 万元" and data["history"][0]["action"] == "submit"


def test_create_validates_and_refuses_duplicates(client):
    headers = bearer(zone_admin(), BOTH)
    created = client.post(URL, json=body(contract_type="技术开发", volume="1250000.50"),
                          headers=headers)
    assert created.status_code == 201, created.get_json()
    duplicate = client.post(URL, json=body(), headers=headers)
    assert "registration_number" in assert_error(duplicate, 422, "validation_failed")["fields"]
    bad = client.post(URL, json=body(2, volume=1.5, seller_region_code="999999"),
                      headers=headers)
    assert "volume" in assert_error(bad, 422, "validation_failed")["fields"]
    bad = client.post(URL, json=body(2, seller_region_code="999999"), headers=headers)
    assert "seller_region_code" in assert_error(bad, 422, "validation_failed")["fields"]
    missing = client.post(URL, json={"name": "x"}, headers=headers)
    assert "registration_number" in assert_error(missing, 422, "validation_failed")["fields"]
    unknown = client.post(URL, json={**body(3), "status": "cancelled"}, headers=headers)
    assert "status" in assert_error(unknown, 422, "validation_failed")["fields"]
    assert count() == 1


def test_zone_admin_may_not_register_outside_the_zone(client):
    response = client.post(URL, json=body(), headers=bearer(zone_admin("620500"), BOTH))
    assert_error(response, 403, "forbidden")
    assert count() == 0


def test_patch_is_audited_and_denied_to_those_who_may_not_change(client):
    owner = broker()
    contract = register(owner)
    headers = bearer(owner, BOTH)
    response = client.patch(f"{URL}{contract.id}", json={"volume": "2000000"}, headers=headers)
    assert response.status_code == 200
    change = response.get_json()["history"][-1]
    assert (change["field"], change["old_value"], change["new_value"]) == (
        "volume", "1250000.50", "2000000.00")
    assert change["user_id"] == owner.id
    bad = client.patch(f"{URL}{contract.id}", json={"tech_income": "9999999"}, headers=headers)
    assert "tech_income" in assert_error(bad, 422, "validation_failed")["fields"]
    buyer_zone = bearer(zone_admin("621100"), BOTH)
    assert_error(client.patch(f"{URL}{contract.id}", json={"name": "x"}, headers=buyer_zone),
                 403, "forbidden")
    assert_error(client.patch(f"{URL}{contract.id}", json={"name": "x"},
                              headers=bearer(broker(), BOTH)), 404, "not_found")
    assert db.session.get(Contract, contract.id).name == contract_input()["name"]


def test_cancel_needs_a_reason_and_the_right(client):
    owner = broker()
    contract = register(owner)
    url = f"{URL}{contract.id}/cancel"
    assert_error(client.post(url, json={"reason": "x"}, headers=bearer(broker(), BOTH)),
                 404, "not_found")
    empty = client.post(url, json={"reason": "  "}, headers=bearer(owner, BOTH))
    assert "reason" in assert_error(empty, 422, "validation_failed")["fields"]
    done = client.post(url, json={"reason": "重复登记"}, headers=bearer(owner, BOTH))
    assert done.status_code == 200 and done.get_json()["status_label"] == "已撤销"
    again = client.post(url, json={"reason": "再次"}, headers=bearer(owner, BOTH))
    assert_error(again, 403, "forbidden")


def post_file(client, data: bytes, headers, name="合同.csv"):
    return client.post(URL + "import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers=headers)


def imported(client, rows: list, headers) -> dict:
    """Upload (202, the job; run in the request here) and poll the job once."""
    started = post_file(client, csv_bytes(CSV_HEADERS, rows), headers)
    assert started.status_code == 202, started.get_json()
    job = started.get_json()
    assert started.headers["Location"].endswith(job["url"])
    polled = client.get(job["url"], headers=headers)
    assert polled.status_code == 200
    return polled.get_json()


def test_import_all_or_nothing_with_row_errors(client):
    headers = bearer(platform_admin(), BOTH)
    rows = [csv_row(1), csv_row(2, **{"签订日期": "2016-13-01"})]
    failed = imported(client, rows, headers)
    assert failed["status"] == "failed" and "未导入任何合同" in failed["error"]
    error = failed["report"]["errors"][0]
    assert error["row"] == 3 and error["field"] == "签订日期"
    assert count() == 0
    ok = imported(client, rows[:1], headers)
    assert ok["status"] == "succeeded" and ok["report"]["created"] == 1
    assert ok["rows_done"] == ok["rows_total"] == 1
    again = imported(client, rows[:1], headers)
    assert (again["report"]["created"], again["report"]["unchanged"]) == (0, 1)


def test_import_jobs_are_seen_by_their_owner_and_platform_admins_only(client):
    owner = officer("620100")
    job = imported(client, [csv_row(1)], bearer(owner, BOTH))
    assert job["status"] == "succeeded"
    for other in (zone_admin("620100"), broker()):
        assert_error(client.get(job["url"], headers=bearer(other, BOTH)), 404, "not_found")
    assert_error(client.get(job["url"], headers=bearer(owner, ["contracts:read"])),
                 403, "forbidden")
    assert client.get(job["url"], headers=bearer(platform_admin(), BOTH)).status_code == 200
    assert_error(client.get(URL + "import/jobs/999999", headers=bearer(owner, BOTH)),
                 404, "not_found")


def test_import_is_for_admins_only(client):
    response = post_file(client, csv_bytes(CSV_HEADERS, [csv_row(1)]), bearer(broker(), BOTH))
    assert_error(response, 403, "forbidden")
    assert count() == 0


def test_openapi_documents_the_contract_routes(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in ("/api/v1/contracts/", "/api/v1/contracts/{contract_id}",
                 "/api/v1/contracts/{contract_id}/cancel", "/api/v1/contracts/import",
                 "/api/v1/contracts/import/jobs/{job_id}"):
        assert path in spec["paths"], path
    assert {"get", "patch"} <= set(spec["paths"]["/api/v1/contracts/{contract_id}"])
    assert "ContractIn" in spec["components"]["schemas"]
