"""/regions: the cascading region picker's data (children of a code, in use in a year)."""

from matchhub.core.countries import country_code, country_name


def names(client, **args) -> dict[str, str]:
    response = client.get("/regions", query_string=args)
    assert response.status_code == 200
    return {r["code"]: r["name"] for r in response.get_json()["regions"]}


def test_provinces_then_prefectures_then_counties(client):
    provinces = names(client)
    assert provinces["620000"] == "甘肃省" and provinces["110000"] == "北京市"
    assert len(provinces) == 34
    gansu = names(client, parent="620000")
    assert gansu["620100"] == "兰州市" and gansu["620171"] == "兰州新区"  # a configured zone
    counties = names(client, parent="110100")
    assert counties["110108"] == "海淀区" and "110100" not in counties


def test_children_follow_the_year(client):
    """Codes renamed or merged: 620102 城关区 is old and stable; counties of 北京 changed
    (崇文区 110103 merged into 东城区 in 2010)."""
    assert "110103" in names(client, parent="110100", year=2009)
    assert "110103" not in names(client, parent="110100")


def test_a_county_has_no_children_and_bad_input_is_refused(client):
    assert names(client, parent="620102") == {}
    bad = client.get("/regions", query_string={"parent": "62"})
    assert bad.status_code == 422 and "parent" in bad.get_json()["error"]["fields"]
    bad_year = client.get("/regions", query_string={"year": "abc"})
    assert bad_year.status_code == 422 and "year" in bad_year.get_json()["error"]["fields"]


def test_country_codes_and_chinese_names():
    assert country_code("276") == "276" and country_name("276") == "德国"
    assert country_code("40") == "040"  # Austria, as a spreadsheet drops the zero
    assert country_code("156") is None and country_code("CN") is None
    assert country_code("XX") is None
