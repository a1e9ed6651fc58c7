"""Reading import files: encodings, XLSX cell types, blank rows, merged cells, file types."""

import datetime as dt
from decimal import Decimal

import pytest

from matchhub.core.errors import ValidationFailed
from matchhub.imports.files import UnsupportedFile, file_format, read_table, xlsx_value
from tests.imports.helpers import ACHIEVEMENT_HEADERS, achievement_row, csv_bytes, xlsx_bytes


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_read_the_same(encoding):
    table = read_table("a.csv", csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row()], encoding))
    assert table.headers == ACHIEVEMENT_HEADERS
    assert table.rows[0].number == 2
    assert table.rows[0].cells[0] == "一种马铃薯变性淀粉涂膜保鲜方法1"


def test_csv_blank_rows_are_skipped_and_numbering_kept():
    data = csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(1), [""] * 9, [], achievement_row(2)])
    table = read_table("a.csv", data)
    assert [row.number for row in table.rows] == [2, 5]


def test_csv_with_semicolons_and_quoted_newlines():
    text = "成果名称;成果简介\r\n\"甲\";\"第一行\n第二行\"\r\n乙;简介\r\n"
    table = read_table("a.csv", text.encode("utf-8"))
    assert table.headers == ["成果名称", "成果简介"]
    assert table.rows[0].cells == ["甲", "第一行\n第二行"]
    assert table.rows[1].number == 3


def test_undecodable_csv_names_the_file():
    with pytest.raises(ValidationFailed) as caught:
        read_table("a.csv", b"\xff\x81\xff\x81" * 3)
    assert "file" in caught.value.fields


def test_xlsx_numbers_dates_and_blank_rows():
    rows = [["甲", 500000, 12.5, dt.datetime(2030, 1, 31)], [None, None, None, None],
            ["乙", 6, 1234.567, "2030-02-01"]]
    table = read_table("a.xlsx", xlsx_bytes(["名称", "整数", "小数", "日期"], rows))
    first, second = table.rows
    assert first.cells == ["甲", 500000, Decimal("12.5"), dt.date(2030, 1, 31)]
    assert second.number == 4
    assert second.cells[1] == 6 and second.cells[2] == Decimal("1234.567")


def test_xlsx_value_never_goes_through_float_rounding():
    assert xlsx_value(500000.0) == 500000 and isinstance(xlsx_value(500000.0), int)
    assert xlsx_value(1234.56) == Decimal("1234.56")
    assert xlsx_value(dt.datetime(2030, 1, 1, 8, 30)) == dt.datetime(2030, 1, 1, 8, 30)


def test_xlsx_merged_cells_fill_down_the_first_column_only():
    rows = [["甲", "农业", None], ["乙", None, None], ["丙", None, "x"], [None, None, None]]
    data = xlsx_bytes(["名称", "领域", "备注"], rows, merges=("B2:B5",))
    table = read_table("a.xlsx", data)
    assert [row.cells[:2] for row in table.rows] == [["甲", "农业"], ["乙", "农业"], ["丙", "农业"]]
    wide = read_table("a.xlsx", xlsx_bytes(["名称", "领域", "备注"], rows, merges=("B2:C3",)))
    assert (wide.rows[1].cells + [None, None])[1:3] == ["农业", None]


@pytest.mark.parametrize(("name", "data"), [
    ("a.txt", b"a,b\n"),
    ("a.xls", b"PK\x03\x04rest"),
    ("a.xlsx", b"not a zip at all"),
    ("a.csv", b"PK\x03\x04zip disguised as csv"),
    ("a.csv", b"\x00\x01binary"),
    ("", b"a,b\n"),
])
def test_file_type_checked_by_extension_and_content(name, data):
    with pytest.raises(UnsupportedFile):
        file_format(name, data)


def test_zip_that_is_not_a_workbook_is_unsupported():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedFile):
        read_table("a.xlsx", buffer.getvalue())


def test_missing_header_row_is_refused():
    with pytest.raises(ValidationFailed):
        read_table("a.csv", b"\n\n")
