"""Import registered contracts from CSV/XLSX files with Chinese headers.

All or nothing: every row is validated like a form entry; if any row is bad, nothing is
written and the report names each bad row and column. Importing the same file again
changes nothing: a row whose registration number is already recorded with the same
values is skipped; the same number with different values is an error.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.catalog.import_files import Row, Table, read_table
from matchhub.catalog.import_values import convert
from matchhub.catalog.importer import RowError
from matchhub.contracts import access as permissions
from matchhub.contracts.import_columns import REQUIRED, Column, find_column, headers_for_key
from matchhub.contracts.models import Contract, ContractChange
from matchhub.contracts.services import build_contract, current_values, in_zone_scope
from matchhub.core.errors import PermissionDenied, ValidationFailed

MAX_ROWS = 100_000  # a province registers about 6,000 contracts a year


@dataclass
class ContractImportReport:
    total: int = 0
    created: int = 0
    unchanged: int = 0
    ids: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ContractImportFailed(ValidationFailed):
    """Nothing was imported; ``report.errors`` lists each bad row and column."""

    def __init__(self, report: ContractImportReport):
        self.report = report
        rows = len({e.row for e in report.errors})
        message = f"导入失败：{rows} 行有误，未导入任何合同"
        super().__init__({"file": [message]}, message)

    def body(self) -> dict[str, Any]:
        body = super().body()
        body["error"]["rows"] = [asdict(e) for e in self.report.errors]
        return body


def _layout(headers: list[str]) -> tuple[list[Column | None], list[RowError]]:
    columns: list[Column | None] = []
    errors: list[RowError] = []
    seen: dict[str, str] = {}
    for header in headers:
        column = find_column(header) if header else None
        if header and column is None:
            errors.append(RowError(1, header, "未知的列（请使用合同导入模板中的表头）"))
        elif column is not None and column.key in seen:
            errors.append(RowError(1, header, f"与「{seen[column.key]}」含义相同，只能保留一列"))
            column = None
        elif column is not None:
            seen[column.key] = header
        columns.append(column)
    for (key,) in REQUIRED:
        if key not in seen:
            errors.append(RowError(1, "/".join(headers_for_key(key)), "缺少必需的列"))
    return columns, errors


def _row_input(columns: list[Column | None], headers: list[str], row: Row):
    data: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for index, value in enumerate(row.cells):
        if value is None or value == "":
            continue
        column = columns[index] if index < len(columns) else None
        if column is None:
            errors.setdefault(f"第 {index + 1} 列", []).append("该列没有有效的表头，但填写了内容")
            continue
        try:
            data[column.key] = convert(column.kind, value)
        except ValueError as exc:
            errors.setdefault(headers[index], []).append(str(exc))
    return data, errors


def _header_of(columns: list[Column | None], headers: list[str], key: str) -> str:
    for header, column in zip(headers, columns, strict=False):
        if column is not None and column.key == key:
            return header
    return (headers_for_key(key) or [key])[0]


@dataclass
class ContractImport:
    session: Session
    user: User | None  # None: the command line
    today: dt.date

    def run(self, table: Table) -> ContractImportReport:
        if self.user is not None and not permissions.can_import(self.user):
            raise PermissionDenied("当前角色不能批量导入技术合同")
        columns, errors = _layout(table.headers)
        report = ContractImportReport(total=len(table.rows), errors=errors)
        if not table.rows and not errors:
            report.errors.append(RowError(1, "", "文件中没有数据行"))
        if report.errors:
            raise ContractImportFailed(report)
        new = self._check_rows(columns, table, report)
        if report.errors:
            raise ContractImportFailed(report)
        self._write(new, report)
        return report

    def _check_rows(self, columns, table: Table, report: ContractImportReport) -> list[Contract]:
        existing = self._existing(table, columns)
        seen: dict[str, int] = {}
        new = []
        for row in table.rows:
            contract = self._check_row(columns, table.headers, row, report, existing, seen)
            if contract is not None:
                new.append(contract)
        return new

    def _check_row(self, columns, headers, row, report, existing, seen) -> Contract | None:
        data, errors = _row_input(columns, headers, row)
        contract = None
        try:
            contract = build_contract(data, self.today)
        except ValidationFailed as exc:
            for key, messages in exc.fields.items():
                errors.setdefault(_header_of(columns, headers, key), []).extend(messages)
        if contract is not None and not in_zone_scope(self.user, contract):
            errors.setdefault(_header_of(columns, headers, "seller_region_code"), []).append(
                "示范区管理员只能导入卖方或买方在本示范区的合同")
        number = str(data.get("registration_number") or "")
        number_header = _header_of(columns, headers, "registration_number")
        if number in seen:
            errors.setdefault(number_header, []).append(f"与第 {seen[number]} 行的登记编号重复")
        seen.setdefault(number, row.number)
        if errors:
            report.errors += [RowError(row.number, h, m) for h, ms in errors.items() for m in ms]
            return None
        recorded = existing.get(number)
        if recorded is None:
            return contract
        if current_values(recorded) == current_values(contract):
            report.unchanged += 1
        else:
            report.errors.append(RowError(row.number, number_header,
                                          "该登记编号已登记且内容不同（修改请在合同页面进行）"))
        return None

    def _existing(self, table: Table, columns) -> dict[str, Contract]:
        index = next((i for i, c in enumerate(columns)
                      if c is not None and c.key == "registration_number"), None)
        numbers = {str(r.cells[index]).strip() for r in table.rows
                   if index is not None and index < len(r.cells) and r.cells[index] is not None}
        found: dict[str, Contract] = {}
        chunk = sorted(numbers)
        for start in range(0, len(chunk), 500):
            numbers_chunk = chunk[start:start + 500]
            stmt = select(Contract).where(Contract.registration_number.in_(numbers_chunk))
            found.update({c.registration_number: c for c in self.session.scalars(stmt)})
        return found

    def _write(self, contracts: list[Contract], report: ContractImportReport) -> None:
        user_id = self.user.id if self.user is not None else None
        with self.session.begin_nested():
            for contract in contracts:
                contract.created_by_id = user_id
                self.session.add(contract)
            self.session.flush()
            self.session.add_all(ContractChange(contract_id=c.id, action="import", user_id=user_id)
                                 for c in contracts)
            self.session.flush()
        report.created = len(contracts)
        report.ids = [c.id for c in contracts]


def import_contracts(session: Session, user: User | None, filename: str, data: bytes, *,
                     today: dt.date) -> ContractImportReport:
    """Import one file; raises ContractImportFailed (nothing imported), UnsupportedFile or
    PermissionDenied. The caller commits."""
    return ContractImport(session, user, today).run(read_table(filename, data, MAX_ROWS))
