"""The indicator table as an XLSX workbook: the shown value (万元/亿元) and the exact
value (元) of every indicator, with its target, progress, caliber and source."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from matchhub.core.spreadsheets import append_row
from matchhub.zones.statistics.indicator_table import indicator_rows
from matchhub.zones.statistics.values import ScopeReport, YearReport

HEADERS = ("地区", "序号", "一级指标", "指标", "数值", "单位", "精确值", "精确值单位", "目标",
           "完成进度(%)", "口径", "数据来源")
WIDTHS = (12, 6, 12, 40, 14, 8, 22, 10, 16, 12, 40, 50)


def _scopes(report: YearReport, with_province: bool) -> list[ScopeReport]:
    return ([report.province] if with_province else []) + report.zones


def _sheet_rows(report: YearReport, with_province: bool) -> list[list[Any]]:
    rows = []
    for scope in _scopes(report, with_province):
        for r in indicator_rows(scope.indicators, full=True):
            rows.append([scope.name, r.no, r.group, r.name, r.number, r.unit, r.exact,
                         r.exact_unit, r.target, None if r.progress is None else
                         float(r.progress), r.caliber, r.source])
    return rows


def indicator_workbook(report: YearReport, with_province: bool = True) -> bytes:
    """XLSX bytes of one year's report (every zone and the province, or one zone)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{report.period.label if report.period else report.year}指标"[:31]
    append_row(sheet, HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _sheet_rows(report, with_province):
        append_row(sheet, row)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        row[0].number_format = "#,##0.00##"
    notes = workbook.create_sheet("说明")
    append_row(notes, ["统计年度", report.year])
    if report.period is not None:
        append_row(notes, ["统计期间", report.period.label])
        append_row(notes, ["同比", report.period.growth_label])
    append_row(notes, ["生成时间", report.generated_at])
    append_row(notes, ["说明", "数值按万元/亿元显示（单位列），精确值为元（金额）或原始数值；"
                  "技术合同按登记日期统计，输出口径按卖方所在地区，吸纳口径按买方所在地区。"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
