"""Contract text and amounts go through the platform's text and money rules, for the API
and import files alike (issue 14, finding 12)."""

from tests.api.helpers import assert_error, bearer
from tests.contracts.helpers import contract_input, csv_row
from tests.contracts.people import platform_admin
from tests.contracts.test_api import imported

BOTH = ["contracts:read", "contracts:write"]


def _json(**changes) -> dict:
    data = contract_input(1, **changes)
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def test_blank_looking_names_and_exponent_amounts_are_refused(client):
    headers = bearer(platform_admin(), BOTH)
    response = client.post("/api/v1/contracts/", headers=headers, json=_json(
        name="\u200b\u3000", seller_name="\ufeff", volume="1e7", tech_income="1E6"))
    error = assert_error(response, 422, "validation_failed")
    assert {"name", "seller_name", "volume", "tech_income"} <= set(error["fields"])


def test_import_refuses_control_characters_and_exponents(client):
    headers = bearer(platform_admin(), BOTH)
    rows = [csv_row(1, **{"合同名称": "合同\x07名称"}), csv_row(2, **{"成交额(元)": "1e7"})]
    job = imported(client, rows, headers)
    assert job["status"] == "failed"
    assert "\x07" not in str(job)
    fields = {(e["row"], e["field"]) for e in job["report"]["errors"]}
    assert {(2, "合同名称"), (3, "成交额(元)")} <= fields
