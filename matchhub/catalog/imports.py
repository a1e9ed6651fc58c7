"""Batch import of achievements and needs (分类分批发布) from CSV and XLSX files.

The catalogue declares its column specs and a row writer; matchhub.imports does the rest.
Every row goes through services.create_listing, so it meets the same validation as a
form or the API; rows are created inside the engine's SAVEPOINT, rolled back when any
row is bad, and the report names each bad row and column.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.catalog import services
from matchhub.catalog.access import can_create
from matchhub.core.errors import PermissionDenied, ValidationFailed
from matchhub.core.regions import regions
from matchhub.core.vocabularies import vocabulary
from matchhub.imports import (
    BaseRowWriter,
    Column,
    ImportFailed,
    ImportReport,
    ImportSpec,
    RowInput,
    engine,
)
from matchhub.imports.column_map import ColumnMap

ITEM_TYPES = tuple(services.MODELS)
IP_PREFIX = "ip_records."  # column keys of the one IP record a row may carry

_CONTACTS = (
    Column("地区代码", "region_code", "code"),
    Column("联系人", "contact_name"),
    Column("联系电话", "contact_phone", "code"),
    Column("联系邮箱", "contact_email"),
)

ACHIEVEMENT_COLUMNS = (
    Column("成果名称", "title"),
    Column("成果简介", "summary"),
    Column("保密详情", "confidential_detail"),
    Column("关键词", "keywords", "list"),
    Column("技术领域", "field"),
    Column("学科", "discipline"),
    Column("成熟度(TRL)", "trl", "trl", aliases=("成熟度",)),
    Column("合作方式", "modes", "list"),
    Column("报价(元)", "asking_price", "money", in_template=False),
    Column("报价(万元)", "asking_price", "money_wan"),
    Column("面议", "price_negotiable", "flag"),
    Column("有效期至", "valid_until", "date"),
    *_CONTACTS,
    Column("知识产权类型", "ip_records.ip_type"),
    Column("知识产权编号", "ip_records.number", "code"),
    Column("知识产权名称", "ip_records.title"),
)

NEED_COLUMNS = (
    Column("需求名称", "title"),
    Column("需求描述", "description"),
    Column("关键词", "keywords", "list"),
    Column("技术领域", "field"),
    Column("成熟度要求", "required_trl", "trl", aliases=("成熟度要求(TRL)",)),
    Column("合作方式", "modes", "list"),
    Column("预算下限(元)", "budget_min", "money", in_template=False),
    Column("预算下限(万元)", "budget_min", "money_wan"),
    Column("预算上限(元)", "budget_max", "money", in_template=False),
    Column("预算上限(万元)", "budget_max", "money_wan"),
    Column("面议", "budget_negotiable", "flag"),
    Column("截止日期", "deadline", "date"),
    *_CONTACTS,
)

NOTES = [
    ("表头", "请保留第 1 行表头；每行一条，空行会被跳过。"),
    ("金额", "报价、预算以万元填写（例如 12.5 即 125000 元）；"
             "也可把表头改为“报价(元)”等按元填写。"),
    ("面议", "填写“是”或“否”；面议时可不填金额。"),
    ("日期", "格式 YYYY-MM-DD，例如 2026-12-31。"),
    ("成熟度", "填写 1-9 或 TRL1-TRL9。"),
    ("多个取值", "关键词、合作方式之间用顿号“、”或逗号分隔。"),
    ("地区代码", "GB/T 2260 代码，留空则使用本机构所在地区。"),
    ("整批导入", "任何一行有误时整批不导入，请按错误报告修改后重新上传。"),
]


def _notes() -> list[tuple[str, str]]:
    values = [(title, "、".join(vocabulary(name).labels.values()))
              for name, title in (("tech_fields", "技术领域可选值"),
                                  ("transfer_modes", "合作方式可选值"),
                                  ("ip_types", "知识产权类型可选值"))]
    examples = "、".join(f"{r.code} {r.name}" for r in regions().values()
                        if r.code.startswith("62"))
    return [*NOTES, *values, ("地区代码示例", examples)]


@dataclass
class CatalogImportReport(ImportReport):
    item_type: str = ""
    submitted: bool = False


class CatalogImportFailed(ImportFailed):
    """Nothing was imported; the body also gives the number of data rows."""

    def message_for(self, report: ImportReport) -> str:
        if any(e.row == 1 and e.field for e in report.errors):
            return "导入失败：表头有误，未导入任何数据"
        if report.total == 0:
            return "导入失败：文件中没有数据行"
        return super().message_for(report)

    def body(self) -> dict[str, Any]:
        body = super().body()
        body["error"]["total"] = self.report.total
        return body


def _spec(columns: tuple[Column, ...], required, sheet_title: str) -> ImportSpec:
    return ImportSpec(columns, required, failure=CatalogImportFailed,
                      sheet_title=sheet_title, notes=_notes)


SPECS: dict[str, ImportSpec] = {
    "achievement": _spec(ACHIEVEMENT_COLUMNS,
                         (("title",), ("summary",), ("field",), ("trl",), ("modes",),
                          ("asking_price", "price_negotiable")), "科技成果"),
    "need": _spec(NEED_COLUMNS,
                  (("title",), ("description",), ("field",), ("modes",),
                   ("budget_min", "budget_max", "budget_negotiable")), "技术需求"),
}


def _column_key(key: str) -> str:
    """The column key of a cleaner error key: ``ip_records[0].number`` -> ``ip_records.number``."""
    base = re.sub(r"\[\d+\]", "", key)
    return IP_PREFIX + "ip_type" if base == "ip_records" else base


@dataclass
class ListingWriter(BaseRowWriter):
    """Creates each row as a draft (or submitted) listing of ``item_type``."""

    session: Session
    user: User
    item_type: str
    today: dt.date
    default_validity: int
    submit: bool = False

    def authorise(self) -> None:
        if not can_create(self.user, self.item_type):
            raise PermissionDenied(f"当前角色不能发布{services.ITEM_LABELS[self.item_type]}")

    def new_report(self, total: int) -> CatalogImportReport:
        return CatalogImportReport(total=total, item_type=self.item_type,
                                   submitted=self.submit)

    def write(self, entry: RowInput, report: ImportReport) -> None:
        data, errors = _nest_ip_record(entry.data), entry.errors
        if data.get("title") and self._title_taken(str(data["title"])):
            entry.add_error(entry.header_for("title"),
                            f"本机构已有同名{services.ITEM_LABELS[self.item_type]}（或本文件中有重复行）")
        item = None
        try:
            item = services.create_listing(self.session, self.user, self.item_type, data,
                                           self.today, self.default_validity)
            if self.submit:
                services.transition(self.session, self.user, item, "submit", self.today)
        except ValidationFailed as exc:
            for key, messages in (exc.fields or {"": [exc.message]}).items():
                errors.setdefault(entry.header_for(_column_key(key), key) if key else "",
                                  messages)
        if not errors and item is not None:
            report.created += 1
            report.ids.append(item.id)

    def _title_taken(self, title: str) -> bool:
        model = services.MODELS[self.item_type]
        stmt = select(model.id).where(model.owner_org_id == self.user.org_id,
                                      model.title == title.strip()).limit(1)
        return self.session.scalar(stmt) is not None


def _nest_ip_record(data: dict[str, Any]) -> dict[str, Any]:
    """The ``ip_records.*`` columns of a row become its one IP record."""
    record = {k.removeprefix(IP_PREFIX): v for k, v in data.items() if k.startswith(IP_PREFIX)}
    nested = {k: v for k, v in data.items() if not k.startswith(IP_PREFIX)}
    if record:
        nested["ip_records"] = [record]
    return nested


def map_kind(item_type: str) -> str:
    """The kind saved column maps of this item type are kept under."""
    return f"catalog.{item_type}"


def import_file(session: Session, user: User, item_type: str, filename: str, data: bytes, *,
                today: dt.date, default_validity: int, submit: bool = False,
                column_map: ColumnMap | None = None) -> CatalogImportReport:
    """Import one file (through ``column_map`` when its headers are not the template's);
    raises CatalogImportFailed (nothing imported), UnsupportedFile or PermissionDenied.
    The caller commits."""
    if item_type not in ITEM_TYPES:
        raise ValidationFailed({"type": ["导入类型应为 achievement（成果）或 need（需求）"]})
    writer = ListingWriter(session, user, item_type, today, default_validity, submit)
    return engine.import_file(SPECS[item_type], writer, filename, data, column_map)
