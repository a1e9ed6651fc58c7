"""The import engine on its own: a toy column spec and a row writer that keeps rows in a
list, with a fake session whose savepoint records whether it was committed."""

from decimal import Decimal

import pytest

from matchhub.imports import (
    BaseRowWriter,
    Column,
    ImportFailed,
    ImportReport,
    ImportSpec,
    RowError,
    RowInput,
    import_file,
    match_headers,
    write_rows,
)
from matchhub.imports.files import Row
from tests.imports.helpers import csv_bytes

SPEC = ImportSpec(
    (Column("名称", "name", aliases=("项目名称",)), Column("金额(万元)", "amount", "money_wan"),
     Column("备注", "note")),
    required=(("name",), ("amount",)),
)


class FakeSavepoint:
    def __init__(self) -> None:
        self.outcome = "open"

    def commit(self) -> None:
        self.outcome = "committed"

    def rollback(self) -> None:
        self.outcome = "rolled back"


class FakeSession:
    def __init__(self) -> None:
        self.savepoints: list[FakeSavepoint] = []

    def begin_nested(self) -> FakeSavepoint:
        self.savepoints.append(FakeSavepoint())
        return self.savepoints[-1]


class ListWriter(BaseRowWriter):
    """Writes each good row at once, as the catalogue does; refuses a name of "坏"."""

    def __init__(self) -> None:
        self.session = FakeSession()
        self.written: list[dict] = []

    def write(self, entry: RowInput, report: ImportReport) -> None:
        if entry.data.get("name") == "坏":
            entry.add_error(entry.header_for("name"), "名称不可用")
        if not entry.errors:
            self.written.append(entry.data)
            report.created += 1
            report.ids.append(entry.number)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding_imports_the_same(encoding):
    name = "马铃薯涂膜" if encoding == "gbk" else "马铃薯涂膜䶮"  # 䶮 is in GB18030, not GBK
    writer = ListWriter()
    report = import_file(SPEC, writer, "a.csv", csv_bytes(["名称", "金额(万元)"],
                                                          [[name, "12.5"]], encoding))
    assert writer.written == [{"name": name, "amount": Decimal("125000.00")}]
    assert (report.created, report.ids) == (1, [2])
    assert writer.session.savepoints[0].outcome == "committed"


def test_headers_match_through_aliases_and_normalisation():
    mapping = match_headers(SPEC, ["项目名称", " 金额（万元）* ", ""])
    assert [c.key if c else None for c in mapping.columns] == ["name", "amount", None]
    assert mapping.errors == []
    assert mapping.header_for("amount") == "金额(万元)"
    assert mapping.header_for("note") == "备注"  # not in the file: the spec's header


@pytest.mark.parametrize(("written", "reported"), [(False, "说明(内部)"), (True, "说明（内部）")])
def test_header_errors_name_the_header_as_the_spec_asks(written, reported):
    spec = ImportSpec(SPEC.columns, SPEC.required, written_headers=written)
    mapping = match_headers(spec, ["名称", "说明（内部）", "项目名称"])
    assert mapping.errors == [
        RowError(1, reported, "未知的列（请使用导入模板中的表头）"),
        RowError(1, "项目名称", "与「名称」含义相同，只能保留一列"),
        RowError(1, "金额(万元)", "缺少必需的列"),
    ]


def test_a_bad_row_is_reported_by_row_and_field_and_nothing_is_kept():
    rows = [Row(2, ["甲", "1"]), Row(3, ["乙", "很多"]), Row(4, ["坏", "2"]), Row(6, ["丁", "3"])]
    writer = ListWriter()
    with pytest.raises(ImportFailed) as caught:
        write_rows(SPEC, writer, match_headers(SPEC, ["名称", "金额(万元)"]), rows)
    report = caught.value.report
    assert [(e.row, e.field) for e in report.errors] == [(3, "金额(万元)"), (4, "名称")]
    assert (report.total, report.created, report.ids) == (4, 0, [])
    assert writer.session.savepoints[0].outcome == "rolled back"
    assert caught.value.message == "导入失败：2 行有误，未导入任何数据"
    assert caught.value.body()["error"]["rows"][1] == {"row": 4, "field": "名称",
                                                       "message": "名称不可用"}


def test_header_errors_stop_before_any_row_is_written():
    writer = ListWriter()
    with pytest.raises(ImportFailed) as caught:
        write_rows(SPEC, writer, match_headers(SPEC, ["名称"]), [Row(2, ["甲"])])
    assert caught.value.report.errors == [RowError(1, "金额(万元)", "缺少必需的列")]
    assert writer.session.savepoints == []


def test_an_edited_mapping_imports_a_file_with_unknown_headers():
    """The column-mapping seam: the user assigns a field to an unknown column."""
    mapping = match_headers(SPEC, ["项目", "金额(万元)"])
    assert [e.field for e in mapping.errors] == ["项目", "名称"]
    mapping.columns[0], mapping.errors = SPEC.find("名称"), []
    writer = ListWriter()
    report = write_rows(SPEC, writer, mapping, [Row(2, ["甲", "1"])])
    assert report.created == 1
    assert writer.written == [{"name": "甲", "amount": Decimal("10000.00")}]
