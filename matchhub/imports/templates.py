"""Downloadable import templates built from a column spec: the headers as CSV, or as XLSX
with bold frozen headers and a notes sheet (填写说明)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from matchhub.core.spreadsheets import append_row, csv_bytes
from matchhub.imports.columns import ImportSpec

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def csv_template(spec: ImportSpec) -> bytes:
    """UTF-8 with BOM so that Excel opens the Chinese headers correctly."""
    return csv_bytes([spec.template_headers()])


def xlsx_template(spec: ImportSpec) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.sheet_title
    append_row(sheet, spec.template_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, 3 * len(cell.value))
    sheet.freeze_panes = "A2"
    _notes_sheet(workbook.create_sheet("填写说明"), spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BUILDERS = {"csv": csv_template, "xlsx": xlsx_template}


def _notes_sheet(sheet, spec: ImportSpec) -> None:
    append_row(sheet, ["项目", "说明"])
    for row in spec.notes():
        append_row(sheet, row)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = spec.notes_widths
