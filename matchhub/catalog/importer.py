"""Batch import of achievements and needs (分类分批发布) from CSV and XLSX files.

Every row goes through services.create_listing, so it meets the same validation as
a form or the API. An import is all or nothing: rows are created inside a SAVEPOINT
that is rolled back when any row is bad, and the report names each bad row and column.
"""

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.catalog import services
from matchhub.catalog.access import can_create
from matchhub.catalog.import_columns import (
    REQUIRED,
    Column,
    find_column,
    headers_for_key,
    normalise_header,
)
from matchhub.catalog.import_files import Row, Table, read_table
from matchhub.catalog.import_values import convert
from matchhub.core.errors import PermissionDenied, ValidationFailed

ITEM_TYPES = tuple(services.MODELS)
IP_PREFIX = "ip_records."  # column keys of the one IP record a row may carry


@dataclass
class RowError:
    row: int  # spreadsheet row number; 1 is the header row
    field: str  # the Chinese column header, when the error belongs to one
    message: str


@dataclass
class ImportReport:
    item_type: str
    total: int = 0
    created: int = 0
    submitted: bool = False
    ids: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ImportFailed(ValidationFailed):
    """Nothing was imported; ``report.errors`` lists each bad row and column."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__({"file": [failure_message(report)]}, failure_message(report))

    def body(self) -> dict[str, Any]:
        body = super().body()
        body["error"]["rows"] = [asdict(e) for e in self.report.errors]
        body["error"]["total"] = self.report.total
        return body


def failure_message(report: ImportReport) -> str:
    if any(e.row == 1 and e.field for e in report.errors):
        return "导入失败：表头有误，未导入任何数据"
    if report.total == 0:
        return "导入失败：文件中没有数据行"
    return f"导入失败：{len({e.row for e in report.errors})} 行有误，未导入任何数据"


@dataclass
class Layout:
    """Which column each position of the file is, under the header the file gave it."""

    item_type: str
    names: list[str]
    columns: list[Column | None]

    def header_for(self, key: str) -> str:
        base = re.sub(r"\[\d+\]", "", key)
        base = IP_PREFIX + "ip_type" if base == "ip_records" else base
        for name, column in zip(self.names, self.columns, strict=True):
            if column is not None and column.key == base:
                return name
        return (headers_for_key(self.item_type, base) or [key])[0]


def match_headers(item_type: str, headers: list[str]) -> tuple[Layout, list[RowError]]:
    names = [normalise_header(h) for h in headers]
    layout = Layout(item_type, names, [])
    errors: list[RowError] = []
    seen: dict[str, str] = {}
    for name in names:
        column = find_column(item_type, name) if name else None
        if name and column is None:
            errors.append(RowError(1, name, "未知的列（请使用导入模板中的表头）"))
        elif column is not None and column.key in seen:
            errors.append(RowError(1, name, f"与「{seen[column.key]}」含义相同，只能保留一列"))
            column = None
        elif column is not None:
            seen[column.key] = name
        layout.columns.append(column)
    errors += _missing_columns(item_type, seen)
    return layout, errors


def _missing_columns(item_type: str, seen: dict[str, str]) -> list[RowError]:
    errors = []
    for group in REQUIRED[item_type]:
        if not any(key in seen for key in group):
            labels = [h for key in group for h in headers_for_key(item_type, key)]
            hint = "（至少需要其中一列）" if len(labels) > 1 else ""
            errors.append(RowError(1, "/".join(labels), f"缺少必需的列{hint}"))
    return errors


def row_input(layout: Layout, row: Row) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The cleaner input of one row, and the conversion errors by column header."""
    data: dict[str, Any] = {}
    ip_record: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for index, value in enumerate(row.cells):
        if value is None or value == "":
            continue
        column = layout.columns[index] if index < len(layout.columns) else None
        if column is None:
            errors.setdefault(f"第 {index + 1} 列", []).append("该列没有有效的表头，但填写了内容")
            continue
        try:
            converted = convert(column.kind, value)
        except ValueError as exc:
            errors.setdefault(layout.names[index], []).append(str(exc))
            continue
        if column.key.startswith(IP_PREFIX):
            ip_record[column.key.removeprefix(IP_PREFIX)] = converted
        else:
            data[column.key] = converted
    if ip_record:
        data["ip_records"] = [ip_record]
    return data, errors


@dataclass
class ImportRun:
    session: Session
    user: User
    item_type: str
    today: dt.date
    default_validity: int
    submit: bool = False

    def run(self, table: Table) -> ImportReport:
        if not can_create(self.user, self.item_type):
            raise PermissionDenied(f"当前角色不能发布{services.ITEM_LABELS[self.item_type]}")
        layout, header_errors = match_headers(self.item_type, table.headers)
        report = ImportReport(self.item_type, total=len(table.rows), submitted=self.submit,
                              errors=header_errors)
        if not table.rows and not report.errors:
            report.errors.append(RowError(1, "", "文件中没有数据行"))
        if report.errors:
            raise ImportFailed(report)
        self._create_all(layout, table.rows, report)
        return report

    def _create_all(self, layout: Layout, rows: list[Row], report: ImportReport) -> None:
        savepoint = self.session.begin_nested()
        try:
            for row in rows:
                self._create_one(layout, row, report)
        except BaseException:
            savepoint.rollback()
            raise
        if report.errors:
            savepoint.rollback()
            report.created, report.ids = 0, []
            raise ImportFailed(report)
        savepoint.commit()

    def _create_one(self, layout: Layout, row: Row, report: ImportReport) -> None:
        data, errors = row_input(layout, row)
        if data.get("title") and self._title_taken(str(data["title"])):
            errors.setdefault(layout.header_for("title"), []).append(
                f"本机构已有同名{services.ITEM_LABELS[self.item_type]}（或本文件中有重复行）")
        item = None
        try:
            item = services.create_listing(self.session, self.user, self.item_type, data,
                                           self.today, self.default_validity)
            if self.submit:
                services.transition(self.session, self.user, item, "submit", self.today)
        except ValidationFailed as exc:
            for key, messages in (exc.fields or {"": [exc.message]}).items():
                errors.setdefault(layout.header_for(key) if key else "", messages)
        if errors or item is None:
            report.errors += [RowError(row.number, header, message)
                              for header, messages in errors.items() for message in messages]
            return
        report.created += 1
        report.ids.append(item.id)

    def _title_taken(self, title: str) -> bool:
        model = services.MODELS[self.item_type]
        stmt = select(model.id).where(model.owner_org_id == self.user.org_id,
                                      model.title == title.strip()).limit(1)
        return self.session.scalar(stmt) is not None


def import_file(session: Session, user: User, item_type: str, filename: str, data: bytes, *,
                today: dt.date, default_validity: int, submit: bool = False) -> ImportReport:
    """Import one file; raises ImportFailed (nothing imported), UnsupportedFile or
    PermissionDenied. The caller commits."""
    if item_type not in ITEM_TYPES:
        raise ValidationFailed({"type": ["导入类型应为 achievement（成果）或 need（需求）"]})
    table = read_table(filename, data)
    return ImportRun(session, user, item_type, today, default_validity, submit).run(table)
