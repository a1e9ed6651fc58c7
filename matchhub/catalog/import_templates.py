"""Downloadable import templates: the Chinese headers as CSV and as XLSX (with notes)."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from matchhub.catalog.import_columns import template_headers
from matchhub.core.regions import regions
from matchhub.core.vocabularies import vocabulary

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SHEET_TITLES = {"achievement": "科技成果", "need": "技术需求"}

NOTES = [
    ("表头", "请保留第 1 行表头；每行一条，空行会被跳过。"),
    ("金额", "报价、预算以万元填写（例如 12.5 即 125000 元）；"
             "也可把表头改为“报价(元)”等按元填写。"),
    ("面议", "填写“是”或“否”；面议时可不填金额。"),
    ("日期", "格式 YYYY-MM-DD，例如 2026-12-31。"),
    ("成熟度", "填写 1-9 或 TRL1-TRL9。"),
    ("多个取值", "关键词、合作方式之间用顿号“、”或逗号分隔。"),
    ("地区代码", "GB/T 2260 代码，留空则使用本机构所在地区。"),
    ("整批导入", "任何一行有误时整批不导入，请按错误报告修改后重新上传。"),
]


def csv_template(item_type: str) -> bytes:
    """UTF-8 with BOM so that Excel opens the Chinese headers correctly."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(template_headers(item_type))
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_template(item_type: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLES[item_type]
    sheet.append(template_headers(item_type))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, 3 * len(cell.value))
    sheet.freeze_panes = "A2"
    _notes_sheet(workbook.create_sheet("填写说明"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _notes_sheet(sheet) -> None:
    sheet.append(["项目", "说明"])
    for row in NOTES:
        sheet.append(list(row))
    for name, title in (("tech_fields", "技术领域可选值"), ("transfer_modes", "合作方式可选值"),
                        ("ip_types", "知识产权类型可选值")):
        sheet.append([title, "、".join(vocabulary(name).labels.values())])
    sheet.append(["地区代码示例", "、".join(f"{r.code} {r.name}" for r in regions().values()
                                       if r.code.startswith("62"))])
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 100
