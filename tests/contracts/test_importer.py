"""Contract import: Chinese headers, 万元 columns, all or nothing, re-import changes nothing."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from matchhub.contracts.imports import ContractImportFailed, import_contracts
from matchhub.contracts.models import Contract, ContractChange
from matchhub.core.errors import PermissionDenied
from matchhub.core.extensions import db
from tests.contracts.helpers import CSV_HEADERS, TODAY, csv_row
from tests.contracts.people import officer
from tests.factories import UserFactory
from tests.imports.helpers import csv_bytes, xlsx_bytes


def count(model=Contract) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def run(data: bytes, filename="合同.csv", user=None):
    return import_contracts(db.session, user, filename, data, today=TODAY)


def test_imports_csv_with_chinese_headers_and_exact_amounts():
    report = run(csv_bytes(CSV_HEADERS, [csv_row(1), csv_row(2, **{"合同类型": "技术咨询",
                                                                    "合同子类型": ""})]))
    assert (report.total, report.created, report.unchanged) == (2, 2, 0)
    first = db.session.get(Contract, report.ids[0])
    assert first.volume == Decimal("1250000.50")
    assert (first.contract_type, first.contract_subtype) == ("development", "entrusted")
    assert first.seller_zone == "620100" and first.buyer_zone == "621100"
    assert count(ContractChange) == 2


def test_wan_yuan_columns_are_converted_exactly():
    headers = [h.replace("(元)", "(万元)") for h in CSV_HEADERS]
    row = csv_row(1, **{"成交额(元)": "12.3456", "技术交易额(元)": "0.01"})
    report = run(csv_bytes(headers, [row], encoding="gbk"))
    contract = db.session.get(Contract, report.ids[0])
    assert contract.volume == Decimal("123456.00")
    assert contract.tech_income == Decimal("100.00")


def test_one_bad_row_imports_nothing_and_names_rows_and_columns():
    rows = [csv_row(1), csv_row(2, **{"技术交易额(元)": "9999999"}),
            csv_row(3, **{"卖方地区代码": "abc", "合同类型": "技术合作"}), csv_row(1)]
    with pytest.raises(ContractImportFailed) as caught:
        run(csv_bytes(CSV_HEADERS, rows))
    found = {(e.row, e.field) for e in caught.value.report.errors}
    assert {(3, "技术交易额(元)"), (4, "卖方地区代码"), (4, "合同类型"),
            (5, "合同登记编号")} <= found
    assert count() == 0 and count(ContractChange) == 0
    body = caught.value.body()["error"]
    assert body["code"] == "validation_failed" and body["rows"]


def test_reimporting_the_same_file_changes_nothing():
    data = csv_bytes(CSV_HEADERS, [csv_row(1), csv_row(2)])
    run(data)
    db.session.commit()
    report = run(data)
    assert (report.created, report.unchanged) == (0, 2)
    assert count() == 2 and count(ContractChange) == 2


def test_same_number_with_different_content_is_an_error():
    run(csv_bytes(CSV_HEADERS, [csv_row(1)]))
    with pytest.raises(ContractImportFailed) as caught:
        run(csv_bytes(CSV_HEADERS, [csv_row(2), csv_row(1, **{"合同名称": "改了名字"})]))
    assert [(e.row, e.field) for e in caught.value.report.errors] == [(3, "合同登记编号")]
    assert count() == 1


def test_unknown_duplicate_and_missing_headers_are_reported():
    headers = [h for h in CSV_HEADERS if h != "技术领域"] + ["备注", "登记编号"]
    rows = [csv_row(1)[:-2] + [csv_row(1)[-1], "x", "y"]]
    with pytest.raises(ContractImportFailed) as caught:
        run(csv_bytes(headers, rows))
    fields = {e.field for e in caught.value.report.errors}
    assert {"备注", "登记编号", "技术领域"} <= fields


def test_xlsx_with_dates_and_numbers_as_cells():
    import datetime as dt

    row = csv_row(1, **{"签订日期": dt.datetime(2016, 3, 1), "登记日期": dt.datetime(2016, 3, 2),
                        "成交额(元)": 1250000.5, "技术交易额(元)": 1000000})
    report = run(xlsx_bytes(CSV_HEADERS, [row]), filename="合同.xlsx")
    contract = db.session.get(Contract, report.ids[0])
    assert contract.volume == Decimal("1250000.50")
    assert contract.registered_on == dt.date(2016, 3, 2)


def test_only_officers_and_platform_admins_import_and_officers_only_their_zone():
    data = csv_bytes(CSV_HEADERS, [csv_row(1)])
    with pytest.raises(PermissionDenied):
        run(data, user=UserFactory(role="broker"))
    with pytest.raises(PermissionDenied):
        run(data, user=UserFactory(role="zone_admin", organisation=None, zone_code="620100"))
    with pytest.raises(ContractImportFailed) as caught:
        run(data, user=officer("620500"))
    assert caught.value.report.errors[0].field == "卖方地区代码"
    report = run(data, user=officer("620100"))
    assert report.created == 1


def test_cli_imports_and_fails_with_non_zero_status(runner, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(CSV_HEADERS, [csv_row(1), csv_row(2, **{"成交额(元)": "x"})]))
    result = runner.invoke(args=["contracts", "import", str(bad)])
    assert result.exit_code != 0
    assert "第 3 行「成交额(元)」" in result.output
    assert count() == 0
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(CSV_HEADERS, [csv_row(1), csv_row(2)]))
    result = runner.invoke(args=["contracts", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert "新登记 2 份" in result.output
    result = runner.invoke(args=["contracts", "import", str(good)])
    assert "已登记且相同 2 份" in result.output and count() == 2
