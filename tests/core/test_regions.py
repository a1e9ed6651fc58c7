"""The national GB/T 2260 table: codes in use by year, names, levels, configured zones."""

from matchhub.core.regions import (
    is_known_region,
    is_valid_region,
    prefecture_of,
    province_of,
    region_at,
    region_name,
    region_problem,
    zone_for_region,
)


def test_counties_anywhere_in_china_are_known():
    for code, name in (("110108", "海淀区"), ("610113", "雁塔区"), ("320102", "玄武区"),
                       ("620102", "城关区")):
        assert is_valid_region(code, 2015) and is_known_region(code)
        assert region_name(code) == name


def test_years_in_use():
    assert is_valid_region("620824", 2016) and not is_valid_region("620824", 2019)
    assert not is_valid_region("620881", 2016) and is_valid_region("620881", 2019)
    assert not is_known_region("620824")  # 华亭县 is no longer in use
    assert region_name("620502") == "秦州区"  # the latest name
    assert region_at("620502", 2000).name == "秦城区"


def test_zone_codes_outside_the_table_stay_valid():
    assert is_valid_region("620171", 2010) and region_name("620171") == "兰州新区"
    assert zone_for_region("620171") == "620171" and zone_for_region("620102") == "620100"
    assert prefecture_of("620171") == "620171" and prefecture_of("620102") == "620100"
    assert province_of("110108") == "110000"


def test_unknown_codes_name_the_nearest_valid_level():
    assert "620100 兰州市" in region_problem("620199", 2016)
    assert "110000 北京市" in region_problem("119999", None)
    assert "6 位" in region_problem("62010", 2016)
    assert region_name("110100") == "北京市"  # 市辖区 is named after its city
    assert region_problem("110108", 2015) is None
