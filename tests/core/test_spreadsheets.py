"""The spreadsheet writers keep user text as text (formula injection)."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from matchhub.core.spreadsheets import append_row, csv_bytes, csv_cell


@pytest.mark.parametrize("value", ["=1+1", "+86 931", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_start_like_a_formula_get_a_quote(value):
    assert csv_cell(value) == "'" + value


def test_other_csv_cells_stay_as_they_are():
    assert [csv_cell(v) for v in ("兰州", 5, None, "a=b")] == ["兰州", 5, None, "a=b"]


def test_csv_bytes_write_quoted_cells_with_a_bom():
    data = csv_bytes([["名称", "=HYPERLINK(\"x\")"]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert next(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == ["名称", "'=HYPERLINK(\"x\")"]


def test_append_row_writes_strings_as_string_cells():
    workbook = Workbook()
    append_row(workbook.active, ["=1+1", 2, None, "兰州"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = next(load_workbook(buffer).active.iter_rows())
    assert [(c.value, c.data_type) for c in row[:2]] == [("=1+1", "s"), (2, "n")]
    assert row[3].value == "兰州"
