"""The downloadable contract import template (技术合同导入模板.xlsx), built with openpyxl:
the Chinese headers on the first sheet and the accepted values on a notes sheet."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from matchhub.contracts.import_columns import template_headers
from matchhub.contracts.vocabulary import contract_types, ip_types, party_types
from matchhub.core.regions import home_province, zones
from matchhub.core.vocabularies import vocabulary

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOTES = [
    ("表头", "请保留第 1 行表头；每行一份合同，空行会被跳过。"),
    ("合同登记编号", "4-32 位字母、数字或连字符，不能与已登记的合同重复。"),
    ("金额", "“成交额(元)”“技术交易额(元)”按元填写，最多两位小数；也可把表头改为"
             "“成交额(万元)”“技术交易额(万元)”按万元填写（精确换算，不四舍五入）。"),
    ("日期", "签订日期、登记日期格式 YYYY-MM-DD（也接受 YYYY/M/D）；登记日期不早于签订日期。"),
    ("地区代码", "卖方、买方地区代码为 6 位 GB/T 2260 行政区划代码，如 620100。"),
    ("整批导入", "任何一行有误时整批不导入，请按错误报告修改后重新上传。"),
    ("重复导入", "再次导入同一文件不会重复登记：登记编号已存在且内容相同的行会被跳过。"),
]


def _value_rows() -> list[tuple[str, str]]:
    types = "；".join(f"{t.label}（{'、'.join(t.subtypes.labels.values()) or '无子类型'}）"
                     for t in contract_types().values())
    province = home_province()
    return [
        ("合同类型（子类型）", types),
        ("卖方性质、买方性质", "、".join(party_types().labels.values())),
        ("技术领域", "、".join(vocabulary("tech_fields").labels.values())),
        ("知识产权类型", "、".join(ip_types().labels.values())),
        ("示范区地区代码", "、".join(f"{z.code} {z.name}" for z in zones().values())
         + f"；{province.code} {province.name}"),
    ]


def _notes_sheet(sheet) -> None:
    sheet.append(["项目", "说明"])
    for row in [*NOTES, *_value_rows()]:
        sheet.append(list(row))
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 110


def xlsx_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "技术合同"
    sheet.append(template_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, 3 * len(cell.value))
    sheet.freeze_panes = "A2"
    _notes_sheet(workbook.create_sheet("填写说明"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
