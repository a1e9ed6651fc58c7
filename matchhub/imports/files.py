"""Read import files (CSV, XLSX) into a header row and numbered data rows.

CSV may be UTF-8 (with or without BOM) or GBK/GB18030; the encoding is found by
trying the decodings in turn. XLSX is read with openpyxl in read-only mode, within the
limits of ``matchhub.imports.limits`` (archive checked first, rows and time while reading).
Fully blank rows are skipped; row numbers are those a spreadsheet shows (header = 1).
"""

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.functions import iterparse

from matchhub.core.errors import DomainError, ValidationFailed
from matchhub.imports.limits import (
    DeadlineStream,
    LimitExceeded,
    ReadLimits,
    check_archive,
    configured_limits,
    too_many_rows,
)

MAX_ROWS = 5000
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
ZIP_MAGIC = b"PK\x03\x04"
_MERGE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"


class UnsupportedFile(DomainError):
    status = 415
    code = "unsupported_media_type"


@dataclass
class Row:
    number: int  # spreadsheet row number; the header row is 1
    cells: list[Any]


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]


def file_format(filename: str, data: bytes) -> str:
    """"csv" or "xlsx", by extension and by content; UnsupportedFile (415) otherwise."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xlsx" and data.startswith(ZIP_MAGIC):
        return "xlsx"
    if suffix == ".csv" and not data.startswith(ZIP_MAGIC) and b"\x00" not in data[:4096]:
        return "csv"
    raise UnsupportedFile("仅支持 .csv 或 .xlsx 文件，且文件内容须与扩展名一致")


def read_table(filename: str, data: bytes, max_rows: int = MAX_ROWS,
               limits: ReadLimits | None = None) -> Table:
    limits = limits or configured_limits()
    if file_format(filename, data) == "xlsx":
        rows = read_xlsx(data, max_rows, limits)
    else:
        rows = read_csv(data, limits)
    if not rows or rows[0].number != 1:
        raise ValidationFailed({"file": ["第 1 行应为表头"]})
    if len(rows) - 1 > max_rows:
        raise ValidationFailed({"file": [f"一次最多导入 {max_rows} 行"]})
    headers = [str(v).strip() if v is not None else "" for v in rows[0].cells]
    return Table(headers, rows[1:])


def decode_csv(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed({"file": ["无法识别 CSV 文件编码，请保存为 UTF-8 或 GBK 编码"]})


def read_csv(data: bytes, limits: ReadLimits | None = None) -> list[Row]:
    limits = limits or ReadLimits()
    text = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count)
    rows = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                  delimiter=delimiter), start=1):
            if number > limits.max_rows + 1:  # blank rows count too
                raise too_many_rows(limits)
            rows.append(Row(number, [c.strip() for c in cells[:limits.max_columns]]))
    except csv.Error as exc:
        raise ValidationFailed({"file": [f"CSV 格式有误：{exc}"]}) from None
    return [row for row in rows if not _is_blank(row.cells)]


def read_xlsx(data: bytes, max_rows: int = MAX_ROWS,
              limits: ReadLimits | None = None) -> list[Row]:
    limits = limits or ReadLimits()
    try:
        check_archive(data, limits)
    except zipfile.BadZipFile:
        raise UnsupportedFile("文件不是有效的 XLSX 工作簿") from None
    stream = DeadlineStream(data, limits.max_seconds)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except LimitExceeded:
        raise
    except Exception:  # openpyxl raises many kinds for a broken or foreign zip
        raise UnsupportedFile("文件不是有效的 XLSX 工作簿") from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # do not trust the stored dimension: read every row
        grid = _sheet_rows(sheet, max_rows, limits, stream)
        _fill_merged(grid, _merged_ranges(sheet))
    finally:
        workbook.close()
    return [Row(n, cells) for n, cells in sorted(grid.items())]


def _sheet_rows(sheet, max_rows: int, limits: ReadLimits,
                stream: DeadlineStream) -> dict[int, list[Any]]:
    """Non-blank rows by number; every row read counts towards the limit, blank or not,
    and cells right of ``max_columns`` are not read."""
    grid: dict[int, list[Any]] = {}
    rows = sheet.iter_rows(max_col=limits.max_columns, values_only=True)
    for number, values in enumerate(rows, start=1):
        if number > limits.max_rows + 1:
            raise too_many_rows(limits)
        stream.check()
        if values.count(None) == len(values):  # a blank row, quickly (no cell conversion)
            continue
        cells = _trimmed([xlsx_value(v) for v in values])
        if cells:
            grid[number] = cells
        if len(grid) > max_rows + 1:
            raise ValidationFailed({"file": [f"一次最多导入 {max_rows} 行"]})
    return grid


def _trimmed(cells: list[Any]) -> list[Any]:
    """Without the trailing empty cells (rows are read padded to the widest row)."""
    end = len(cells)
    while end and cells[end - 1] in (None, ""):
        end -= 1
    return cells[:end]


def xlsx_value(value: Any) -> Any:
    """A cell value as the cleaners take it: numbers exact (never float), dates as dates."""
    if isinstance(value, float):
        number = Decimal(str(value))
        whole = number.is_finite() and number == number.to_integral_value()
        return int(number) if whole else number
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value


def _is_blank(cells: list[Any]) -> bool:
    return all(c is None or c == "" for c in cells)


def _merged_ranges(sheet) -> list[CellRange]:
    """The merged ranges of a read-only sheet.

    openpyxl's read-only worksheet does not expose them, so the sheet XML is scanned
    once more for its <mergeCell> elements; if that internal changes, merges are ignored.
    """
    try:
        source = sheet._get_source()
    except AttributeError:
        return []
    refs = []
    with source:
        for _event, element in iterparse(source):
            if element.tag == _MERGE_TAG:
                refs.append(element.get("ref"))
            element.clear()
    return [CellRange(ref) for ref in refs if ref]


def _fill_merged(grid: dict[int, list[Any]], ranges: list[CellRange]) -> None:
    """A value merged down over several data rows applies to each of those rows.

    Only the first column of a range is filled (a value merged across columns stays
    in the column it was written in); rows blank apart from merged values stay skipped.
    """
    for merged in ranges:
        top = grid.get(merged.min_row)
        if merged.min_row < 2 or top is None or len(top) < merged.min_col:
            continue
        value = top[merged.min_col - 1]
        for number in range(merged.min_row + 1, merged.max_row + 1):
            cells = grid.get(number)
            if cells is None:
                continue
            cells.extend([None] * (merged.min_col - len(cells)))
            if cells[merged.min_col - 1] in (None, ""):
                cells[merged.min_col - 1] = value
