"""The yearly report as PDF, rendered from the same ``YearlyReportDocument`` as the DOCX.
reportlab's built-in CID font STSong-Light prints Chinese, so pip alone installs it."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from matchhub.zones.programme.report_document import Table as ReportTable
from matchhub.zones.programme.report_document import YearlyReportDocument

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
STYLES = {
    "title": ParagraphStyle("title", fontName=FONT, fontSize=16, leading=22, spaceAfter=8),
    1: ParagraphStyle("h1", fontName=FONT, fontSize=13, leading=18, spaceBefore=8),
    2: ParagraphStyle("h2", fontName=FONT, fontSize=11.5, leading=16, spaceBefore=4),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16,
                           wordWrap="CJK", firstLineIndent=21),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK"),
}


def _paragraphs(text: str, style: str = "body") -> list[Paragraph]:
    """User text escaped for reportlab's markup, one paragraph per line."""
    return [Paragraph(escape(line), STYLES[style]) for line in text.split("\n") if line.strip()]


def _table(table: ReportTable) -> list:
    cell = STYLES["cell"]
    data = [[Paragraph(escape(text), cell) for text in row]
            for row in [list(table.columns), *table.rows]]
    grid = Table(data, repeatRows=1)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 4 * mm), *_paragraphs(table.caption, 2), grid]


def _story(report: YearlyReportDocument) -> list:
    story = [*_paragraphs(report.title, "title"),
             *_paragraphs(f"建设期：{report.period}；当前状态：{report.status}")]
    for part in report.parts:
        story += _paragraphs(part.heading, part.level)
        story += _paragraphs(part.text) if part.text is not None else []
    story += _paragraphs("附：政策环境", 1)
    for name, text in report.policies:
        story += [*_paragraphs(name, 2), *_paragraphs(text)]
    story += [*_paragraphs("附：建设指标", 1), *_table(report.indicators)]
    if report.trend is not None:
        story += _table(report.trend)
    return [*story, Spacer(1, 4 * mm), *_paragraphs(report.note)]


def render_pdf(report: YearlyReportDocument) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=report.title,
                                 leftMargin=18 * mm, rightMargin=18 * mm)
    document.build(_story(report))
    return buffer.getvalue()
