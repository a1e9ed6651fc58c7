"""Helpers for the import tests: users who may publish, and import files built in memory."""

import csv
import io

from openpyxl import Workbook

from tests.factories import OrganisationFactory, UserFactory

ACHIEVEMENT_HEADERS = ["成果名称", "成果简介", "关键词", "技术领域", "成熟度(TRL)", "合作方式",
                       "报价(万元)", "面议", "有效期至"]
NEED_HEADERS = ["需求名称", "需求描述", "技术领域", "成熟度要求", "合作方式", "预算下限(万元)",
                "预算上限(万元)", "面议", "截止日期"]


def achievement_row(n: int = 1, **changes) -> list:
    row = {"成果名称": f"一种马铃薯变性淀粉涂膜保鲜方法{n}",
           "成果简介": "以马铃薯变性淀粉为基材的可食涂膜。",
           "关键词": "马铃薯、涂膜，保鲜", "技术领域": "农业", "成熟度(TRL)": "TRL6",
           "合作方式": "转让、许可", "报价(万元)": "12.5", "面议": "否", "有效期至": "2030-12-31"}
    row.update(changes)
    return [row[h] for h in ACHIEVEMENT_HEADERS]


def need_row(n: int = 1, **changes) -> list:
    row = {"需求名称": f"风电机组无速度传感器控制{n}", "需求描述": "需要无速度传感器矢量控制方案。",
           "技术领域": "新能源与高效节能", "成熟度要求": "7", "合作方式": "合作开发/合作实施",
           "预算下限(万元)": "150", "预算上限(万元)": "300", "面议": "", "截止日期": "2030-06-30"}
    row.update(changes)
    return [row[h] for h in NEED_HEADERS]


def csv_bytes(headers: list, rows: list[list], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(headers: list, rows: list[list], merges: tuple[str, ...] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def publisher(**kwargs):
    return UserFactory(role="publisher", organisation__kind="university", **kwargs)


def enterprise_user(**kwargs):
    return UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"),
                       **kwargs)
