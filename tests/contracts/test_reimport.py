"""Re-importing a ledger: each row reported as new, unchanged, corrected (fields named,
old -> new: corrected on the platform since, or by this import when asked, through the
contract service and its rules) or cancelled (left cancelled, not counted as unchanged)."""

import io
from decimal import Decimal

import pytest
from sqlalchemy import select

from matchhub.contracts.imports import ContractImportFailed, import_contracts
from matchhub.contracts.models import Contract, ContractChange
from matchhub.contracts.services import cancel_contract, update_contract
from matchhub.core.extensions import db
from tests.api.helpers import bearer
from tests.contracts.helpers import CSV_HEADERS, TODAY, csv_row
from tests.contracts.people import officer, platform_admin
from tests.imports.helpers import csv_bytes
from tests.web.helpers import login, text


def run(rows, user, correct=False):
    return import_contracts(db.session, user, "台账.csv", csv_bytes(CSV_HEADERS, rows),
                            today=TODAY, apply_corrections=correct)


def registered(user, numbers=(1, 2, 3)) -> list[Contract]:
    report = run([csv_row(n) for n in numbers], user)
    db.session.commit()
    return [db.session.get(Contract, i) for i in report.ids]


def changed_ledger() -> list[list]:
    return [csv_row(1), csv_row(2, **{"成交额(元)": "1300000", "合同名称": "更正后的名称"}),
            csv_row(3, **{"合同名称": "撤销后又改名"}), csv_row(4)]


def test_each_row_is_new_unchanged_corrected_or_cancelled():
    admin = platform_admin()
    first, second, third = registered(admin)
    cancel_contract(db.session, admin, third, "重复登记")
    db.session.commit()
    with pytest.raises(ContractImportFailed):  # differences are errors unless asked
        run(changed_ledger(), admin)
    report = run(changed_ledger(), admin, correct=True)
    db.session.commit()
    outcomes = [(r.row, r.outcome, r.contract_id) for r in report.rows]
    assert outcomes == [(2, "unchanged", first.id), (3, "corrected", second.id),
                        (4, "cancelled", third.id)]  # new rows are counted, with their ids
    assert len(report.ids) == 1 and db.session.get(Contract, report.ids[0]).registration_number \
        == "2016620100000004"
    assert (report.created, report.unchanged, report.corrected, report.cancelled) == (1, 1, 1, 1)
    changes = {c.field: (c.old, c.new) for c in report.rows[1].changes}
    assert changes["合同名称"] == ("马铃薯脱毒种薯繁育技术开发合同2", "更正后的名称")
    assert set(changes) == {"合同名称", "成交额(元)"} and report.rows[1].applied
    assert second.name == "更正后的名称" and str(second.volume) == "1300000.00"
    recorded = db.session.scalars(select(ContractChange.field).where(
        ContractChange.contract_id == second.id, ContractChange.action == "correct")).all()
    assert set(recorded) == {"name", "volume"}  # through update_contract: its history
    assert third.status == "cancelled" and third.name == "马铃薯脱毒种薯繁育技术开发合同3"


def test_a_correction_the_importer_may_not_make_refuses_the_file():
    registered(officer("620100"), (2,))
    other_zone = officer("621100")  # registers for 定西: neither imports nor corrects 兰州's
    with pytest.raises(ContractImportFailed) as caught:
        run([csv_row(2, **{"成交额(元)": "1300000"}), csv_row(5)], other_zone, correct=True)
    assert {(e.row, e.field) for e in caught.value.report.errors} == {
        (2, "卖方地区代码"), (3, "卖方地区代码")}
    assert db.session.scalar(select(Contract.volume).where(
        Contract.registration_number == "2016620100000002")) == Decimal("1250000.50")
    assert len(db.session.scalars(select(Contract)).all()) == 1


def test_a_record_corrected_since_the_file_was_made_is_reported_not_refused():
    admin = platform_admin()
    contract = registered(admin, (1,))[0]
    update_contract(db.session, admin, contract, {"volume": "1300000"}, TODAY, reason="笔误")
    db.session.commit()
    report = run([csv_row(1)], officer("620100"))  # the ledger as first exported
    [outcome] = report.rows
    assert (outcome.outcome, outcome.applied) == ("corrected", False)
    [change] = outcome.changes
    assert (change.field, change.key) == ("成交额(元)", "volume")
    assert "125" in change.old and "130" in change.new  # file's old value -> the record's
    assert (report.unchanged, report.corrected) == (0, 1)
    assert contract.volume == Decimal("1300000.00")
    with pytest.raises(ContractImportFailed):  # a value never recorded is still refused
        run([csv_row(1, **{"成交额(元)": "1400000"})], officer("620100"))


def test_command_line_reports_cancelled_rows_and_corrects_nothing(runner, tmp_path):
    admin = platform_admin()
    contract = registered(admin, (1,))[0]
    cancel_contract(db.session, admin, contract, "撤销")
    db.session.commit()
    ledger = tmp_path / "台账.csv"
    ledger.write_bytes(csv_bytes(CSV_HEADERS, [csv_row(1)]))
    result = runner.invoke(args=["contracts", "import", str(ledger)])
    assert result.exit_code == 0, result.output
    assert "已登记且相同 0 份" in result.output and "已撤销 1 份" in result.output
    assert "（已撤销）" in result.output


def test_page_and_api_show_the_outcomes(client):
    admin = platform_admin()
    registered(admin, (1, 2))
    login(client, admin)
    data = csv_bytes(CSV_HEADERS, [csv_row(1), csv_row(2, **{"合同名称": "新名称"})])
    page = text(client.post("/contracts/import", data={"file": (io.BytesIO(data), "a.csv"),
                                                       "apply_corrections": "y"},
                            content_type="multipart/form-data", follow_redirects=True))
    assert "更正 1 份" in page and "按文件更正" in page
    assert "合同名称：马铃薯脱毒种薯繁育技术开发合同2 → 新名称" in page
    original = csv_bytes(CSV_HEADERS, [csv_row(1), csv_row(2)])
    again = client.post("/api/v1/contracts/import", headers=bearer(admin, ["contracts:write"]),
                        data={"file": (io.BytesIO(original), "a.csv")},
                        content_type="multipart/form-data")
    assert again.status_code == 202 and again.get_json()["status"] == "succeeded"
    rows = again.get_json()["report"]["rows"]
    assert [r["outcome"] for r in rows] == ["unchanged", "corrected"]
    assert rows[1]["applied"] is False  # corrected before: no change
