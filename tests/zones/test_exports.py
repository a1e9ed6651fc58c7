"""The indicator table rows, the XLSX export and the annual report DOCX."""

import io
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from matchhub.core.extensions import db
from matchhub.zones.entries import recording as entries
from matchhub.zones.entries.review import approve_featured_target
from matchhub.zones.programme.annual_report import annual_report_docx
from matchhub.zones.programme.report_document import UNWRITTEN
from matchhub.zones.statistics.indicator_table import indicator_rows, scaled
from matchhub.zones.statistics.report import build_report
from matchhub.zones.statistics.xlsx_export import DETAIL_HEADERS, indicator_workbook
from tests.contracts.helpers import TODAY
from tests.zones.helpers import LANZHOU, load_years, platform_admin, zone_admin


@pytest.fixture
def admin():
    admin = platform_admin()
    load_years(admin)
    entries.set_target(db.session, admin, LANZHOU, 2016, "contract_volume_output", "700000000")
    official = zone_admin()
    entries.report_value(db.session, official, LANZHOU, 2016, "maker_spaces", "12", "认定文件")
    featured = entries.set_featured(db.session, official, LANZHOU, 2016, "中药材技术合同数",
                                    "项", target="100", value="60")
    approve_featured_target(db.session, admin, featured.id)
    return admin


def lanzhou(year=2016):
    return build_report(db.session, year, LANZHOU, TODAY).zones[0].indicators


def test_scaled_matches_format_money():
    assert scaled(Decimal("350000000.01")) == (Decimal("3.50"), "亿元")
    assert scaled(Decimal("1500000")) == (Decimal("150.00"), "万元")
    assert scaled(Decimal("12.5")) == (Decimal("12.50"), "元")


def test_indicator_rows_cover_annex_two_in_order(admin):
    rows = indicator_rows(lanzhou())
    assert [r.no for r in rows] == sorted(r.no for r in rows)
    assert {r.no for r in rows} == set(range(1, 15))
    volume = next(r for r in rows if r.key == "contract_volume_output")
    assert (volume.shown, volume.exact, volume.unit) == ("3.50 亿元", Decimal("350000000.01"),
                                                        "亿元")
    assert (volume.target, volume.progress) == ("7.00 亿元", "50.00")
    assert volume.source.startswith("技术合同登记 2 项")
    spaces = next(r for r in rows if r.key == "maker_spaces")
    assert spaces.shown == "12 个" and spaces.source == "示范区填报：认定文件（待省级审核）"
    featured = next(r for r in rows if r.key == "featured")
    assert (featured.name, featured.progress) == ("中药材技术合同数", "60.00")  # approved
    assert len(indicator_rows(lanzhou(), full=True)) > len(rows)


def _sheet_rows(workbook_bytes, sheet=0):
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    return list(workbook.worksheets[sheet].iter_rows(values_only=True)), workbook


def test_xlsx_has_one_unit_per_column_and_exact_values_as_text(admin):
    report = build_report(db.session, 2016, today=TODAY)
    rows, workbook = _sheet_rows(indicator_workbook(report))
    header = rows[0]
    assert header[:2] == ("地区", "地区代码")
    volume = header.index("技术合同成交额（输出）（亿元）")
    assert header[volume + 1] == "技术合同成交额（输出）（元，精确值）"
    assert "专业化众创空间数量（个）" in header
    province = next(r for r in rows if r[0] == "甘肃省")
    zone = next(r for r in rows if r[0] == "兰州市")
    assert province[volume:volume + 2] == (pytest.approx(3.5020000001), "350200000.01")
    assert zone[volume:volume + 2] == (pytest.approx(3.5000000001), "350000000.01")
    assert zone[header.index("专业化众创空间数量（个）")] == 12
    for row in rows[1:]:  # every cell of a column is a number (or empty) in its unit
        assert row[volume] is None or isinstance(row[volume], int | float)
    detail = list(workbook["口径与来源"].iter_rows(values_only=True))
    assert detail[0] == DETAIL_HEADERS
    shown = next(r for r in detail if r[0] == "兰州市" and r[3] == "技术合同成交额（输出）")
    assert shown[4:7] == ("3.50 亿元", "7.00 亿元", "50.00")
    assert "输出口径" in shown[7] and shown[8].startswith("技术合同登记")


def test_zone_xlsx_has_only_the_zone(admin):
    report = build_report(db.session, 2016, LANZHOU, TODAY)
    rows, workbook = _sheet_rows(indicator_workbook(report, with_province=False))
    assert {r[0] for r in rows[1:]} == {"兰州市"}
    compositions = workbook.sheetnames[1:-2]  # between the values and the detail sheets
    assert "成交额构成：按合同类型" in compositions
    for name in compositions:
        assert {r[0] for r in workbook[name].iter_rows(min_row=2, values_only=True)} == {
            "兰州市"}


def test_annual_report_docx_follows_annex_one(admin):
    document = Document(io.BytesIO(annual_report_docx(db.session, LANZHOU, 2016, TODAY)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:9] == ["一、建设基础", "二、总体思路", "（一）指导思想", "（二）建设原则",
                            "（三）总体布局", "（四）建设目标", "三、示范任务", "四、组织实施",
                            "五、重点任务分解与进度安排"]
    assert "附：政策环境" in headings and "附：建设指标" in headings
    assert document.paragraphs[0].text == "兰州市科技成果转移转化示范区2016年度建设情况报告"
    assert sum(p.text == UNWRITTEN for p in document.paragraphs) == 8 + 3  # sections, policies
    (indicators,) = document.tables  # no approved plan: no construction-period table
    cells = [[c.text for c in row.cells] for row in indicators.rows]
    volume = next(r for r in cells if r[2] == "技术合同成交额（输出）")
    assert volume[3:6] == ["3.50 亿元", "7.00 亿元", "50.00%"]
    assert any(r[2] == "专业化众创空间数量" and r[3] == "12 个" for r in cells)
