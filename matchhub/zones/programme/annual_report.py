"""The yearly construction report (年度建设情况报告) of a zone as a DOCX, rendered from
the typed ``YearlyReportDocument``: the outline of Annex 1 with the zone's own sections,
its policy texts and the indicator tables."""

import datetime as dt
import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from sqlalchemy.orm import Session

from matchhub.zones.programme.report_document import Table, YearlyReportDocument, build_document


def _base_document() -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "宋体", Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    return document


def _table(document: Document, table: Table) -> None:
    document.add_paragraph(table.caption).runs[0].bold = True
    grid = document.add_table(rows=1, cols=len(table.columns), style="Table Grid")
    for cell, text in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = text
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text


def _text(document: Document, text: str) -> None:
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)


def render_docx(report: YearlyReportDocument) -> bytes:
    document = _base_document()
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"建设期：{report.period}；当前状态：{report.status}")
    for part in report.parts:
        document.add_heading(part.heading, level=part.level)
        if part.text is not None:
            _text(document, part.text)
    document.add_heading("附：政策环境", level=1)
    for name, text in report.policies:
        document.add_heading(name, level=2)
        _text(document, text)
    document.add_heading("附：建设指标", level=1)
    _table(document, report.indicators)
    if report.trend is not None:
        _table(document, report.trend)
    document.add_paragraph(report.note)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def annual_report_docx(session: Session, code: str, year: int, today: dt.date) -> bytes:
    """The DOCX bytes of one zone's report for a year."""
    return render_docx(build_document(session, code, year, today))
