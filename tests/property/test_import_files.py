"""Property tests for contract import files: any mix of encodings, BOMs, blank rows,
thousands separators and 万元 columns imports the exact amounts, or nothing at all."""

import csv
import io
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from matchhub.contracts.imports import ContractImportFailed, import_contracts
from matchhub.contracts.models import Contract
from matchhub.core.extensions import db
from tests.contracts.helpers import CSV_HEADERS, TODAY, csv_row
from tests.imports.helpers import xlsx_bytes

fen = st.integers(min_value=1, max_value=10**12)
row_amounts = st.lists(st.tuples(fen, st.integers(min_value=0, max_value=100)),
                       min_size=1, max_size=8)
layout = st.fixed_dictionaries({
    "encoding": st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030"]),
    "separators": st.booleans(),
    "wan": st.booleans(),
    "blank_every": st.integers(min_value=0, max_value=3),
    "xlsx": st.booleans(),
})
HYPOTHESIS = settings(max_examples=25, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


def amount_text(value: Decimal, wan: bool, separators: bool) -> str:
    shown = value / 10_000 if wan else value
    text = format(shown.normalize(), "f") if wan else f"{shown:.2f}"
    if separators and not wan:
        text = f"{shown:,.2f}"
    return text


def build_file(rows: list[list], headers: list[str], options) -> tuple[str, bytes]:
    if options["xlsx"]:
        return "合同.xlsx", xlsx_bytes(headers, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for n, row in enumerate(rows):
        if options["blank_every"] and n % options["blank_every"] == 0:
            writer.writerow([""] * len(headers))
        writer.writerow(row)
    return "合同.csv", buffer.getvalue().encode(options["encoding"])


@HYPOTHESIS
@given(row_amounts, layout)
def test_imports_exact_amounts_whatever_the_file_looks_like(pairs, options):
    headers = [h.replace("(元)", "(万元)") for h in CSV_HEADERS] if options["wan"] else CSV_HEADERS
    expected, rows = {}, []
    for n, (volume_fen, percent) in enumerate(pairs, start=1):
        volume = Decimal(volume_fen) / 100
        if options["wan"]:
            # 万元 with up to 4 decimals is whole 元; 成交额 must be positive
            volume = Decimal(max(volume_fen // 100, 1))
        income = (volume * percent / 100).quantize(Decimal("1" if options["wan"] else "0.01"))
        key = f"P{n:05d}"
        expected[key] = (volume.quantize(Decimal("0.01")), income.quantize(Decimal("0.01")))
        volume_column = "成交额(元)"
        rows.append(csv_row(n, **{"合同登记编号": key,
                                  volume_column: amount_text(volume, options["wan"],
                                                             options["separators"]),
                                  "技术交易额(元)": amount_text(income, options["wan"],
                                                               options["separators"])}))
    filename, data = build_file(rows, headers, options)
    try:
        try:
            report = import_contracts(db.session, None, filename, data, today=TODAY)
        except ContractImportFailed as exc:
            raise AssertionError(exc.report.errors) from None
        assert report.created == len(pairs)
        found = {c.registration_number: (c.volume, c.tech_income)
                 for c in db.session.scalars(select(Contract))}
        assert found == expected
    finally:
        db.session.rollback()


@HYPOTHESIS
@given(st.lists(st.sampled_from(["1,2", "12.345", "-5", "abc", "1e3", "", "１２"]), min_size=1,
                max_size=5))
def test_any_bad_amount_imports_nothing(bad_amounts):
    rows = [csv_row(n, **{"成交额(元)": amount}) for n, amount in enumerate(bad_amounts, 1)]
    rows.append(csv_row(99))
    data = xlsx_bytes(CSV_HEADERS, rows)
    try:
        import_contracts(db.session, None, "合同.xlsx", data, today=TODAY)
    except ContractImportFailed as exc:
        assert exc.report.errors
        assert db.session.scalar(select(func.count()).select_from(Contract)) == 0
    finally:
        db.session.rollback()
