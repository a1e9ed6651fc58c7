"""A listing's region is any GB/T 2260 code in use now (or a configured zone); unknown
codes are refused naming the nearest valid level."""

from tests.api.helpers import bearer
from tests.catalog.test_listing_inputs import ACHIEVEMENT, _refused, publisher  # noqa: F401


def test_unknown_region_names_the_nearest_valid_level(client, publisher):  # noqa: F811
    error = _refused(client, bearer(publisher), {**ACHIEVEMENT, "region_code": "620199"},
                     "region_code")
    assert "620100 兰州市" in str(error["fields"]["region_code"])


def test_counties_anywhere_and_zones_are_accepted(client, publisher):  # noqa: F811
    for code in ("610113", "620171", "620102"):
        response = client.post("/api/v1/achievements/", json={**ACHIEVEMENT, "region_code": code},
                               headers=bearer(publisher))
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["region_code"] == code
