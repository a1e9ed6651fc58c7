"""GET /api/v1/zones/report: the same report as the CLI, for token holders only."""

from matchhub.contracts.services import create_contract
from matchhub.core.extensions import db
from tests.api.helpers import bearer
from tests.contracts.helpers import TODAY, contract_input
from tests.factories import UserFactory


def test_report_needs_a_token(client):
    response = client.get("/api/v1/zones/report?year=2016")
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_report_for_one_zone(client):
    admin = UserFactory(role="platform_admin", organisation=None)
    create_contract(db.session, admin, contract_input(volume="121898094.04"), TODAY)
    headers = bearer(UserFactory(role="enterprise"), ["catalog:read"])
    db.session.commit()
    response = client.get("/api/v1/zones/report?year=2016&zone=620100", headers=headers)
    assert response.status_code == 200
    zone = response.json["zones"][0]
    assert zone["code"] == "620100"
    assert zone["indicators"]["contract_volume_output"]["value"] == "121898094.04"
    assert "contract_volume_output" in response.json["province"]["indicators"]


def test_bad_arguments_name_the_field(client):
    headers = bearer(UserFactory(role="enterprise"), ["catalog:read"])
    db.session.commit()
    response = client.get("/api/v1/zones/report?year=abc&zone=999999", headers=headers)
    assert response.status_code == 422
    assert {"year", "zone"} <= set(response.json["error"]["fields"])
    assert client.get("/api/v1/zones/report", headers=headers).status_code == 422
