"""Reproduce published figures (tests/zones/fixtures, kind=reported rows only).

Gansu 2016: a ledger of 5,252 contracts is built whose amounts add up to the published
total and composition, with noise that must not count (cancelled, registered outside the
year, seller outside the province); the report must reproduce every published figure to
0.01 亿元. Anhui 2022 H1: the 16-city 吸纳 table is loaded under a config with Anhui's
cities as zones (a config change, not a code change) and summed.
"""

import csv
import datetime as dt
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from matchhub.core import config_files, regions
from matchhub.core.extensions import db
from matchhub.zones.statistics.report import build_report
from tests.zones.ledger import Block, contract_rows, insert_contracts

FIXTURES = Path(__file__).parent / "fixtures" / "published_stats_reported.csv"
TODAY = dt.date(2026, 11, 28)
YI = Decimal(100_000_000)
CENT_OF_YI = Decimal("0.01")


def published(region: str, period: str, indicator_prefix: str) -> dict:
    with open(FIXTURES, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if (row["region"].startswith(region) and row["period"] == period
                    and row["indicator"].startswith(indicator_prefix)):
                assert row["kind"].startswith("reported")
                return row
    raise LookupError(indicator_prefix)


def yi(value: str) -> Decimal:
    return (Decimal(value) / YI).quantize(CENT_OF_YI)


# Blocks chosen so that every published 2016 composition holds at once:
# type totals, 303 large contracts (108.3), 1066 IP-related (45.5), enterprises 113.0
# and enterprises + research institutes + universities 144.0.
GANSU_2016 = [
    Block(200, "70", "service", "general", "none", "enterprise_llc"),
    Block(40, "12", "development", "cooperative", "patent", "enterprise_state"),
    Block(50, "20", "service", "general", "trade_secret", "enterprise_plc"),
    Block(13, "6.3", "consulting", "", "none", "university"),
    Block(300, "4.3", "transfer", "patent", "patent", "university"),
    Block(600, "8.0", "development", "entrusted", "patent", "research_institute"),
    Block(76, "1.2", "service", "training", "software_copyright", "research_institute"),
    Block(100, "0.5", "development", "entrusted", "none", "university"),
    Block(1000, "11.0", "service", "general", "none", "enterprise_private"),
    Block(1000, "7.69", "service", "intermediary", "none", "university"),
    Block(1273, "6.81", "service", "general", "none", "other_public"),
    Block(600, "3.01", "consulting", "", "none", "university"),
]


def noise_rows() -> list[dict]:
    """Contracts that must not count in Gansu's 2016 output figures."""
    base = contract_rows([Block(4, "4", "service", "general", "none", "enterprise_llc")],
                         2016, prefix="N")
    base[1]["signed_on"], base[1]["registered_on"] = dt.date(2016, 12, 20), dt.date(2017, 1, 3)
    base[2]["signed_on"] = base[2]["registered_on"] = dt.date(2015, 12, 31)
    base[3]["seller_region_code"] = "110000"  # Beijing seller, Gansu buyer: 吸纳 only
    return base


@pytest.fixture
def gansu_2016():
    insert_contracts(contract_rows(GANSU_2016, 2016), TODAY)
    rows = noise_rows()
    insert_contracts(rows[:1], TODAY, status="cancelled", cancel_reason="重复登记")
    insert_contracts(rows[1:], TODAY)
    db.session.commit()
    return build_report(db.session, 2016, today=TODAY)


def test_gansu_2016_total_and_count(gansu_2016):
    values = gansu_2016.province.indicators
    assert yi(values["contract_volume_output"].value) == Decimal(
        published("甘肃省", "2016", "技术合同成交额")["value"])
    assert values["contract_count_output"].value == int(
        published("甘肃省", "2016", "技术合同数")["value"])
    assert values["contract_volume_output"].value == "15081000000.00"


def test_gansu_2016_composition_by_type(gansu_2016):
    by_type = gansu_2016.province.indicators["contract_volume_output_by_type"].value
    transfer, development, service = published(
        "甘肃省", "2016", "技术转让/技术开发/技术服务")["value"].split("/")
    assert yi(by_type["transfer"]) == Decimal(transfer)
    assert yi(by_type["development"]) == Decimal(development)
    assert yi(by_type["service"]) == Decimal(service)
    assert yi(by_type["consulting"]) == Decimal("9.31")  # the implied remainder
    assert sum(Decimal(v) for v in by_type.values()) == Decimal("15081000000.00")


def test_gansu_2016_large_ip_and_party_figures(gansu_2016):
    values = gansu_2016.province.indicators
    large = published("甘肃省", "2016", "1000万以上")
    assert values["large_contracts_output"].value == int(re.search(r"(\d+)项",
                                                                      large["indicator"])[1])
    assert yi(values["large_contracts_volume_output"].value) == Decimal(large["value"])
    ip = published("甘肃省", "2016", "涉及知识产权")
    assert values["ip_contracts_output"].value == int(re.search(r"(\d+)项", ip["indicator"])[1])
    assert yi(values["ip_contracts_volume_output"].value) == Decimal(ip["value"])
    groups = values["contract_volume_output_by_party_type"].value
    enterprise = values["contract_volume_output_by_party_group"].value["enterprise"]
    assert yi(enterprise) == Decimal(published("甘肃省", "2016", "企业成交额")["value"])
    three = Decimal(enterprise) + Decimal(groups["research_institute"]) + Decimal(
        groups["university"])
    assert yi(three) == Decimal("144.0")


def test_gansu_2016_province_is_the_sum_of_its_zones(gansu_2016):
    zones = gansu_2016.zones
    assert len(zones) == 15
    for key in ("contract_volume_output", "tech_income_output", "contract_volume_absorbed"):
        total = sum(Decimal(z.indicators[key].value) for z in zones)
        assert total == Decimal(gansu_2016.province.indicators[key].value)
    counts = sum(z.indicators["contract_count_output"].value for z in zones)
    assert counts == 5252
    # the Beijing-sold contract counts for the buying zone only
    absorbed = gansu_2016.province.indicators["contract_count_absorbed"].value
    assert absorbed == 5253


def anhui_table() -> dict[str, Decimal]:
    row = published("安徽省", "2022 H1", "吸纳技术合同成交额")
    table = row["source_note"].split("city table ", 1)[1].split(";", 1)[0]
    return {name: Decimal(amount) for name, amount in re.findall(r"(\D+?)([\d.]+)\s*", table)}


ANHUI_CITIES = {"合肥": "340100", "芜湖": "340200", "蚌埠": "340300", "淮南": "340400",
                "马鞍山": "340500", "淮北": "340600", "铜陵": "340700", "安庆": "340800",
                "黄山": "341000", "滁州": "341100", "阜阳": "341200", "宿州": "341300",
                "六安": "341500", "亳州": "341600", "池州": "341700", "宣城": "341800"}


@pytest.fixture
def anhui_config(tmp_path, monkeypatch):
    """config/ with Anhui as the home province and its 16 cities as the zones."""
    shutil.copytree(config_files.DEFAULT_CONFIG_DIR, tmp_path / "config")
    folder = tmp_path / "config"
    zone_data = {"province": {"code": "340000", "name": "安徽省"},
                 "zones": [{"code": code, "name": f"{name}市"}
                           for name, code in ANHUI_CITIES.items()]}
    (folder / "zones.json").write_text(json.dumps(zone_data, ensure_ascii=False), "utf-8")
    caches = (config_files.load_json, regions.regions, regions.zones, regions.home_province)
    monkeypatch.setenv("MATCHHUB_CONFIG_DIR", str(folder))
    for cached in caches:
        cached.cache_clear()
    yield
    monkeypatch.delenv("MATCHHUB_CONFIG_DIR")
    for cached in caches:
        cached.cache_clear()


def test_anhui_city_table_sums_to_the_reported_total_within_rounding(anhui_config):
    table = anhui_table()
    assert len(table) == 16
    rows = []
    for n, (name, amount) in enumerate(table.items()):
        blocks = [Block(1, str(amount), "service", "general", "none", "enterprise_llc")]
        row = contract_rows(blocks, 2022, prefix=f"AH{n:02d}",
                            buyer_region=ANHUI_CITIES[name])[0]
        row["seller_region_code"] = "110000"
        row["signed_on"] = row["registered_on"] = dt.date(2022, 3, 1)
        rows.append(row)
    insert_contracts(rows, TODAY)
    db.session.commit()
    report = build_report(db.session, 2022, today=TODAY)
    absorbed = {z.name: yi(z.indicators["contract_volume_absorbed"].value)
                for z in report.zones}
    assert absorbed == {f"{name}市": amount for name, amount in table.items()}
    total = yi(report.province.indicators["contract_volume_absorbed"].value)
    assert total == Decimal("428.3")
    reported = Decimal(published("安徽省", "2022 H1", "吸纳技术合同成交额")["value"])
    # Each city figure is rounded to 0.1 亿元, so the 16 of them may miss the exact total by
    # up to 16 × 0.05 = 0.8 亿元; the published table misses it by 0.1.
    assert abs(total - reported) <= Decimal("0.8")
    assert total - reported == Decimal("-0.1")
