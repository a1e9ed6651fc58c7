"""Write user text into spreadsheets as text, never as a formula (CSV/formula injection,
OWASP "CSV Injection"). Every XLSX and CSV the app writes goes through these helpers.

openpyxl turns any str starting with "=" into a formula cell; ``append_row`` marks such
cells as strings again, so Excel shows the text and runs nothing. CSV has no cell types:
``csv_cell`` prefixes a cell that starts with = + - @ tab or CR with a single quote, as
OWASP advises, so a spreadsheet opening the file reads it as text.
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(sheet: Worksheet, value: Any) -> Any:
    """A cell holding ``value``; a str stays a string cell whatever it starts with."""
    if not isinstance(value, str):
        return value
    cell = Cell(sheet, value=value)
    cell.data_type = "s"
    return cell


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)`` with every str written as a string cell."""
    sheet.append([text_cell(sheet, value) for value in values])


def csv_cell(value: Any) -> Any:
    """A CSV cell value that a spreadsheet cannot take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """Rows as UTF-8 CSV with a BOM (so that Excel opens Chinese text correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
