"""The dashboard services: key figures, ranking with targets, chart data."""

import pytest

from matchhub.core.extensions import db
from matchhub.zones.entries import recording as entries
from matchhub.zones.services import province_dashboard, zone_dashboard
from tests.contracts.helpers import TODAY
from tests.zones.helpers import DINGXI, LANZHOU, load_years, platform_admin


@pytest.fixture
def admin():
    admin = platform_admin()
    load_years(admin)
    entries.set_target(db.session, admin, DINGXI, 2016, "contract_volume_output", "400000")
    return admin


def test_province_ranking_and_figures(admin):
    board = province_dashboard(db.session, 2016, TODAY)
    assert [r.code for r in board.ranking[:2]] == [LANZHOU, DINGXI]
    assert board.ranking[1].progress == "50.00" and board.ranking[1].target is not None
    assert len(board.ranking) == 15 and board.ranking[-1].rank == 15
    assert board.kpis[0].shown == "3.50 亿元"
    assert {r.no for r in board.rows} == set(range(1, 15))
    assert board.rows[-1].source == "见各示范区页面"  # 特色指标 are per zone


def test_chart_data(admin):
    charts = province_dashboard(db.session, 2016, TODAY).charts
    trend = charts["trend"]
    assert trend["years"] == ["2012年", "2013年", "2014年", "2015年", "2016年"]
    assert (trend["unit"], trend["volume"][-2:], trend["count"][-1]) == ("亿元", [0.015, 3.502],
                                                                         3)
    assert trend["quarters"][-4:] == ["2016Q1", "2016Q2", "2016Q3", "2016Q4"]
    assert trend["quarter_unit"] == "亿元" and trend["quarter_volume"][-1] == 0.5
    types = {i["name"]: i["value"] for i in charts["composition"]["type"]["items"]}
    assert types == {"技术转让": 3.0, "技术开发": 0.502}
    ranking = charts["ranking"]
    assert ranking["names"][-1] == "兰州市" and ranking["unit"] == "亿元"
    assert ranking["target"][-2] == 0.004  # 定西's 40 万元 target


def test_zone_board_has_its_rank_status_and_progress(admin):
    board = zone_dashboard(db.session, DINGXI, 2016, TODAY)
    assert (board.rank, board.status) == (2, "申报")
    assert board.charts["progress"] == {"names": ["技术合同成交额（输出）"], "progress": [50.0]}
    assert board.charts["trend"]["unit"] == "万元" and board.charts["trend"]["volume"][-1] == 20.0
    assert any(r.key == "featured" and r.shown == "未填报" for r in board.rows)
