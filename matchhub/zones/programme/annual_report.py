"""The yearly construction report (年度建设情况报告) of a zone as a DOCX: the outline of
Annex 1 with the narrative left for the zone and the indicator tables filled in."""

import datetime as dt
import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from sqlalchemy.orm import Session

from matchhub.core.money import format_money
from matchhub.core.regions import home_province, zones
from matchhub.zones.entries import recording as entries
from matchhub.zones.programme.status import PROGRAMME_STATUSES, find_programme
from matchhub.zones.statistics.history import zone_values
from matchhub.zones.statistics.indicator_table import indicator_rows
from matchhub.zones.statistics.trends import Totals, yearly_totals
from matchhub.zones.statistics.values import Value, percent

PLACEHOLDER = "（由示范区填写）"
OUTLINE = (
    ("一、建设基础", ()),
    ("二、总体思路", ("（一）指导思想", "（二）建设原则", "（三）总体布局", "（四）建设目标")),
    ("三、示范任务", ()),
    ("四、组织实施", ()),
    ("五、重点任务分解与进度安排", ()),
)
INDICATOR_COLUMNS = ("序号", "一级指标", "指标", "数值", "目标", "完成进度", "数据来源")
TREND_COLUMNS = ("年度", "合同数（项）", "成交额", "目标", "完成进度")


def _base_document() -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "宋体", Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    return document


def _table(document: Document, caption: str, columns: tuple[str, ...], rows: list[list[str]]):
    document.add_paragraph(caption).runs[0].bold = True
    table = document.add_table(rows=1, cols=len(columns), style="Table Grid")
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    return table


def _indicator_table(document: Document, values: dict[str, Value], year: int) -> None:
    rows = [[str(r.no), r.group, r.name, r.shown, r.target or "—",
             f"{r.progress}%" if r.progress else "—", r.source]
            for r in indicator_rows(values)]
    _table(document, f"表1　{year}年度建设指标完成情况（附件2 指标体系）", INDICATOR_COLUMNS, rows)


def _trend_table(document: Document, session: Session, code: str, first: int, last: int):
    totals = yearly_totals(session, first, last, home_province().code)
    rows = []
    for year in range(first, last + 1):
        found = totals.get((code, year)) or Totals()
        target = entries.targets(session, year).get((code, "contract_volume_output"))
        progress = percent(found.volume, target) if target else None
        rows.append([f"{year}年", str(found.count), format_money(found.volume),
                     format_money(target) if target else "—",
                     f"{progress}%" if progress else "—"])
    _table(document, f"表2　建设期技术合同成交额（输出口径）年度情况（{first}—{last}年）",
           TREND_COLUMNS, rows)


def annual_report_docx(session: Session, code: str, year: int, today: dt.date) -> bytes:
    """The DOCX bytes of one zone's report for a year."""
    name = zones()[code].name
    programme = find_programme(session, code)
    first = programme.start_year if programme and programme.start_year else year - 2
    last = programme.end_year if programme and programme.end_year else year
    status = PROGRAMME_STATUSES[programme.status if programme else "applying"]
    document = _base_document()
    document.add_heading(f"{name}科技成果转移转化示范区{year}年度建设情况报告", level=0)
    document.add_paragraph(f"建设期：{first}—{last}年；当前状态：{status}")
    values = zone_values(session, code, year, today)
    for heading, subheadings in OUTLINE:
        document.add_heading(heading, level=1)
        document.add_paragraph(PLACEHOLDER)
        for sub in subheadings:
            document.add_heading(sub, level=2)
            document.add_paragraph(PLACEHOLDER)
        if heading.startswith("一"):
            _indicator_table(document, values, year)
        if heading.startswith("五"):
            _trend_table(document, session, code, first, last)
    document.add_paragraph(
        f"说明：指标数值由平台根据技术合同登记、平台登记和示范区填报数据生成（截至"
        f"{min(today, dt.date(year, 12, 31)).isoformat()}）；金额以万元、亿元显示，"
        "精确到分的数值见指标表导出（XLSX）。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
