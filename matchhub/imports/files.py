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
from collections.abc import Iterator
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
    """The whole table in memory (small imports); open_table streams it."""
    stream = open_table(filename, data, max_rows, limits)
    return Table(stream.headers, list(stream.rows))


@dataclass
class StreamedTable:
    """A header row and an iterator of the data rows, read as they are consumed (the
    row limit is checked while reading). ``estimate`` is the number of data rows the
    file declares (XLSX dimension, CSV line count), for progress only; None if unknown."""

    headers: list[str]
    rows: Iterator[Row]
    estimate: int | None = None


def open_table(filename: str, data: bytes, max_rows: int = MAX_ROWS,
               limits: ReadLimits | None = None) -> StreamedTable:
    limits = limits or configured_limits()
    if file_format(filename, data) == "xlsx":
        rows, estimate = iter_xlsx(data, max_rows, limits)
    else:
        rows, estimate = iter_csv(data, limits)
    first = next(rows, None)
    if first is None or first.number != 1:
        raise ValidationFailed({"file": ["第 1 行应为表头"]})
    headers = [str(v).strip() if v is not None else "" for v in first.cells]
    return StreamedTable(headers, _capped(rows, max_rows), estimate)


def _capped(rows: Iterator[Row], max_rows: int) -> Iterator[Row]:
    for count, row in enumerate(rows, start=1):
        if count > max_rows:
            raise ValidationFailed({"file": [f"一次最多导入 {max_rows} 行"]})
        yield row


def decode_csv(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed({"file": ["无法识别 CSV 文件编码，请保存为 UTF-8 或 GBK 编码"]})


def read_csv(data: bytes, limits: ReadLimits | None = None) -> list[Row]:
    return list(iter_csv(data, limits or ReadLimits())[0])


def iter_csv(data: bytes, limits: ReadLimits) -> tuple[Iterator[Row], int]:
    """The non-blank rows, parsed as they are consumed, and the number of lines less the
    header (an estimate of the data rows: quoted cells may span lines)."""
    text = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count)
    return _csv_rows(text, delimiter, limits), max(text.count("\n") - 1, 0)


def _csv_rows(text: str, delimiter: str, limits: ReadLimits) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            if number > limits.max_rows + 1:  # blank rows count too
                raise too_many_rows(limits)
            row = Row(number, [c.strip() for c in cells[:limits.max_columns]])
            if not _is_blank(row.cells):
                yield row
    except csv.Error as exc:
        raise ValidationFailed({"file": [f"CSV 格式有误：{exc}"]}) from None


def read_xlsx(data: bytes, max_rows: int = MAX_ROWS,
              limits: ReadLimits | None = None) -> list[Row]:
    return list(iter_xlsx(data, max_rows, limits or ReadLimits())[0])


def iter_xlsx(data: bytes, max_rows: int, limits: ReadLimits) -> tuple[Iterator[Row], int]:
    """The non-blank rows of the first sheet, read as they are consumed (merged values
    filled downwards), and the data rows the sheet's stored dimension declares."""
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
    sheet = workbook.worksheets[0]
    estimate = max((sheet.max_row or 1) - 1, 0)
    merged = _merged_ranges(sheet)
    sheet.reset_dimensions()  # do not trust the stored dimension: read every row
    return _xlsx_rows(workbook, sheet, merged, max_rows, limits, stream), estimate


def _xlsx_rows(workbook, sheet, merged: list[CellRange], max_rows: int,
               limits: ReadLimits, stream: DeadlineStream) -> Iterator[Row]:
    fill = _MergeFill(merged)
    try:
        for number, cells in _sheet_rows(sheet, max_rows, limits, stream):
            stream.pause()
            yield Row(number, fill(number, cells))
            stream.resume()
    finally:
        workbook.close()


def _sheet_rows(sheet, max_rows: int, limits: ReadLimits,
                stream: DeadlineStream) -> Iterator[tuple[int, list[Any]]]:
    """Non-blank rows with their numbers; every row read counts towards the limit, blank or
    not, and cells right of ``max_columns`` are not read."""
    rows = sheet.iter_rows(max_col=limits.max_columns, values_only=True)
    kept = 0
    for number, values in enumerate(rows, start=1):
        if number > limits.max_rows + 1:
            raise too_many_rows(limits)
        stream.check()
        if values.count(None) == len(values):  # a blank row, quickly (no cell conversion)
            continue
        cells = _trimmed([xlsx_value(v) for v in values])
        if not cells:
            continue
        kept += 1
        if kept > max_rows + 1:
            raise ValidationFailed({"file": [f"一次最多导入 {max_rows} 行"]})
        yield number, cells


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


class _MergeFill:
    """A value merged down over several data rows applies to each of those rows, filled
    as the rows stream past (a range's top row comes before the rows it covers).

    Only the first column of a range is filled (a value merged across columns stays
    in the column it was written in); rows blank apart from merged values stay skipped.
    """

    def __init__(self, ranges: list[CellRange]):
        self.starting: dict[int, list[CellRange]] = {}
        for merged in ranges:
            if merged.min_row >= 2 and merged.max_row > merged.min_row:
                self.starting.setdefault(merged.min_row, []).append(merged)
        self.active: list[tuple[CellRange, Any]] = []

    def __call__(self, number: int, cells: list[Any]) -> list[Any]:
        if not self.starting and not self.active:
            return cells
        self.active = [(m, v) for m, v in self.active if m.max_row >= number]
        for merged, value in self.active:
            cells.extend([None] * (merged.min_col - len(cells)))
            if cells[merged.min_col - 1] in (None, ""):
                cells[merged.min_col - 1] = value
        for merged in self.starting.pop(number, []):
            if len(cells) >= merged.min_col:
                self.active.append((merged, cells[merged.min_col - 1]))
        return cells
