"""GET /api/v1/zones/report: the same report as the CLI, for a zone's officials and the
province only; periods and their validation."""

import datetime as dt

from matchhub.contracts.services import create_contract
from matchhub.core.extensions import db
from tests.api.helpers import bearer
from tests.contracts.helpers import TODAY, contract_input
from tests.factories import UserFactory


def test_report_needs_a_token(client):
    response = client.get("/api/v1/zones/report?year=2016")
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_report_for_one_zone_is_for_its_officials_and_the_province(client):
    admin = UserFactory(role="platform_admin", organisation=None)
    create_contract(db.session, admin, contract_input(volume="121898094.04"), TODAY)
    official = bearer(UserFactory(role="zone_admin", organisation=None, zone_code="620100"),
                      ["catalog:read"])
    province = bearer(admin, ["catalog:read"])
    db.session.commit()
    for headers in (official, province):
        response = client.get("/api/v1/zones/report?year=2016&zone=620100", headers=headers)
        assert response.status_code == 200
        zone = response.json["zones"][0]
        assert zone["code"] == "620100"
        assert zone["indicators"]["contract_volume_output"]["value"] == "121898094.04"
        assert "contract_volume_output" in response.json["province"]["indicators"]
        assert response.json["period"]["key"] == "2016"


def test_report_is_refused_to_everyone_else(client):
    enterprise = bearer(UserFactory(role="enterprise"), ["catalog:read"])
    other_zone = bearer(UserFactory(role="zone_admin", organisation=None, zone_code="621100"),
                        ["catalog:read"])
    db.session.commit()
    for headers, url in ((enterprise, "/api/v1/zones/report?year=2016&zone=620100"),
                         (enterprise, "/api/v1/zones/report?year=2016"),
                         (other_zone, "/api/v1/zones/report?year=2016&zone=620100"),
                         (other_zone, "/api/v1/zones/report?year=2016")):
        response = client.get(url, headers=headers)
        assert response.status_code == 403, url
        assert response.json["error"]["code"] == "forbidden"


def test_report_of_a_quarter(client):
    admin = UserFactory(role="platform_admin", organisation=None)
    create_contract(db.session, admin, contract_input(1, registered_on=dt.date(2016, 3, 15)),
                    TODAY)
    create_contract(db.session, admin, contract_input(
        2, signed_on=dt.date(2016, 4, 1), registered_on=dt.date(2016, 4, 2)), TODAY)
    headers = bearer(admin, ["catalog:read"])
    db.session.commit()
    response = client.get("/api/v1/zones/report?year=2016&quarter=2&zone=620100",
                          headers=headers)
    assert response.status_code == 200
    indicators = response.json["zones"][0]["indicators"]
    assert indicators["contract_count_output"]["value"] == 1
    assert response.json["period"]["label"] == "2016年第2季度"


def test_bad_arguments_name_the_field(client):
    headers = bearer(UserFactory(role="platform_admin", organisation=None), ["catalog:read"])
    db.session.commit()
    response = client.get("/api/v1/zones/report?year=abc&zone=999999", headers=headers)
    assert response.status_code == 422
    assert {"year", "zone"} <= set(response.json["error"]["fields"])
    assert client.get("/api/v1/zones/report", headers=headers).status_code == 422
    for query, field in (("half=1&quarter=2", "quarter"), ("quarter=5", "quarter"),
                         ("to=2017-01-01", "to"), ("half=3", "half")):
        response = client.get(f"/api/v1/zones/report?year=2016&{query}", headers=headers)
        assert response.status_code == 422, query
        assert field in response.json["error"]["fields"], query
