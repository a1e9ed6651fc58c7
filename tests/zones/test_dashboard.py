"""The dashboard services: key figures, the ranking (zones with nothing to rank left out)
and the chart options: bars or straight lines, nothing after the period's end, colours
from the one fixed map, 「本期暂无数据」 when there is nothing to draw."""

import datetime as dt

import pytest

from matchhub.contracts.vocabulary import party_groups, type_vocabulary
from matchhub.core.extensions import db
from matchhub.core.vocabularies import vocabulary
from matchhub.zones.entries import recording as entries
from matchhub.zones.services import Period, province_dashboard, zone_dashboard
from matchhub.zones.statistics.charts import EMPTY
from matchhub.zones.statistics.palette import PALETTE
from tests.contracts.helpers import TODAY
from tests.zones.helpers import DINGXI, LANZHOU, add_contract, load_years, platform_admin

VOCABULARIES = {"type": ("contract_types", type_vocabulary),
                "party": ("party_groups", party_groups),
                "field": ("tech_fields", lambda: vocabulary("tech_fields"))}


@pytest.fixture
def admin():
    admin = platform_admin()
    load_years(admin)
    entries.set_target(db.session, admin, DINGXI, 2016, "contract_volume_output", "400000")
    return admin


def walk(node):
    """Every dict inside a chart option."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_province_ranking_leaves_out_zones_with_nothing_to_rank(admin):
    board = province_dashboard(db.session, 2016, TODAY)
    assert [(r.rank, r.code) for r in board.ranking] == [(1, LANZHOU), (2, DINGXI)]
    assert board.ranking[1].progress == "50.00" and board.ranking[1].target is not None
    assert len(board.unranked) == 13 and "嘉峪关市" in board.unranked
    assert board.kpis[0].shown == "3.50 亿元"
    assert {r.no for r in board.rows} == set(range(1, 15))
    assert board.rows[-1].source == "见各示范区页面"  # 特色指标 are per zone
    empty = zone_dashboard(db.session, "620200", 2016, TODAY)
    assert empty.rank is None


def test_no_chart_is_smoothed_and_quarters_are_bars(admin):
    charts = province_dashboard(db.session, 2016, TODAY).charts
    options = [slot["option"] for slot in charts.values() if slot["option"]]
    assert len(options) >= 6
    for node in (n for option in options for n in walk(option)):
        assert node.get("smooth") in (None, False)
        if node.get("type") == "line":
            assert node["smooth"] is False
    assert {s["type"] for s in charts["quarters"]["option"]["series"]} == {"bar"}
    trend = charts["trend"]["option"]
    assert trend["xAxis"]["data"] == ["2012年", "2013年", "2014年", "2015年", "2016年"]
    assert trend["series"][0]["data"][-2:] == [0.015, 3.502]
    assert trend["series"][1]["data"][-1] == 3


def test_nothing_is_drawn_after_the_period_end(admin):
    half = province_dashboard(db.session, Period.half(2016, 1), TODAY).charts
    quarters = half["quarters"]["option"]
    assert quarters["xAxis"]["data"][-1] == "2016Q2"
    assert len(quarters["series"][0]["data"]) == len(quarters["xAxis"]["data"])
    trend = half["trend"]["option"]
    assert trend["xAxis"]["data"][-1] == "2016年（截至6月30日）"
    assert trend["series"][0]["data"][-1] == 3.0  # Q1's 3 亿元 only, not Q4's 0.5 亿元
    # The current year, cut at today: no quarter after today, not even as a zero.
    add_contract(admin, 9, dt.date(2026, 2, 1), "100000")
    today = dt.date(2026, 5, 10)
    now = province_dashboard(db.session, 2026, today).charts
    assert now["quarters"]["option"]["xAxis"]["data"][-2:] == ["2026Q1", "2026Q2"]
    assert now["trend"]["option"]["xAxis"]["data"][-1] == "2026年（截至5月10日）"


def test_colours_come_from_the_one_fixed_map(admin):
    """The same category has the same colour on every page, whatever its rank."""
    add_contract(admin, 10, dt.date(2016, 3, 1), "900000", seller_region_code=DINGXI,
                 contract_type="consulting", contract_subtype="", tech_field="agriculture")
    seen: dict[tuple[str, str], set[str]] = {}
    for board in (province_dashboard(db.session, 2016, TODAY),
                  zone_dashboard(db.session, LANZHOU, 2016, TODAY),
                  zone_dashboard(db.session, DINGXI, 2016, TODAY)):
        for name, (palette, vocab) in VOCABULARIES.items():
            codes = {label: code for code, label in vocab().labels.items()}
            option = board.charts[name]["option"]
            data = option["series"][0]["data"]
            names = ([d["name"] for d in data] if name != "field"
                     else option["xAxis"]["data"])
            for label, item in zip(names, data, strict=True):
                code = codes[label]
                assert item["itemStyle"]["color"] == PALETTE[palette][code]
                seen.setdefault((palette, code), set()).add(item["itemStyle"]["color"])
    assert all(len(colours) == 1 for colours in seen.values())
    assert ("contract_types", "consulting") in seen


def test_every_category_has_its_own_colour():
    for palette, vocab in VOCABULARIES.values():
        codes = vocab().codes
        assert set(PALETTE[palette]) >= set(codes)
        assert len({PALETTE[palette][c] for c in codes}) == len(codes)


def test_empty_charts_have_no_option_and_say_so(admin):
    board = zone_dashboard(db.session, "620200", 2016, TODAY)
    for name, slot in board.charts.items():
        if name != "ranking":
            assert slot["option"] is None, name
        assert slot["empty"] == EMPTY == "本期暂无数据"


def test_zone_board_has_its_rank_status_and_progress(admin):
    board = zone_dashboard(db.session, DINGXI, 2016, TODAY)
    assert (board.rank, board.status) == (2, "申报")
    progress = board.charts["progress"]["option"]
    assert progress["yAxis"]["data"] == ["技术合同成交额（输出）"]
    assert progress["series"][0]["data"] == [50.0]
    assert board.charts["trend"]["unit"] == "万元"
    assert board.charts["trend"]["option"]["series"][0]["data"][-1] == 20.0
    assert any(r.key == "featured" and r.shown == "未填报" for r in board.rows)
