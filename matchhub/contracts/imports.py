"""Import registered contracts (技术合同登记表) from CSV/XLSX files with Chinese headers.

The registry declares its column spec and a row writer; matchhub.imports does the rest.
All or nothing: every row is validated like a form entry; if any row is bad, nothing is
written and the report names each bad row and column. Importing the same file again
changes nothing: a row whose registration number is already recorded with the same
values is skipped; the same number with different values is an error.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.contracts import access
from matchhub.contracts.models import Contract, ContractChange
from matchhub.contracts.services import contract_values, current_values, in_zone_scope
from matchhub.contracts.vocabulary import contract_types, ip_types, party_types
from matchhub.core.errors import PermissionDenied, ValidationFailed
from matchhub.core.identifiers import normalise_registration_number
from matchhub.core.regions import home_province, zones
from matchhub.core.vocabularies import vocabulary
from matchhub.imports import Column, ImportFailed, ImportReport, ImportSpec, RowError, RowInput
from matchhub.imports.files import Row, open_table
from matchhub.imports.mapping import Mapping, match_headers
from matchhub.imports.staging import (
    BaseStagedWriter,
    MemoryStage,
    Staged,
    json_values,
    stage_rows,
    table_values,
    write_staged,
)

COLUMNS = (
    Column("合同登记编号", "registration_number", "code", aliases=("登记编号",)),
    Column("合同名称", "name"),
    Column("合同类型", "contract_type"),
    Column("合同子类型", "contract_subtype"),
    Column("签订日期", "signed_on", "date"),
    Column("登记日期", "registered_on", "date"),
    Column("成交额(元)", "volume", "money", aliases=("合同成交额(元)",)),
    Column("成交额(万元)", "volume", "money_wan", aliases=("合同成交额(万元)",), in_template=False),
    Column("技术交易额(元)", "tech_income", "money"),
    Column("技术交易额(万元)", "tech_income", "money_wan", in_template=False),
    Column("卖方名称", "seller_name"),
    Column("卖方性质", "seller_party_type", aliases=("卖方类型",)),
    Column("卖方地区代码", "seller_region_code", "code"),
    Column("买方名称", "buyer_name"),
    Column("买方性质", "buyer_party_type", aliases=("买方类型",)),
    Column("买方地区代码", "buyer_region_code", "code"),
    Column("技术领域", "tech_field"),
    Column("知识产权类型", "ip_type"),
)

NOTES = [
    ("表头", "请保留第 1 行表头；每行一份合同，空行会被跳过。"),
    ("合同登记编号", "4-32 位字母、数字或连字符，不能与已登记的合同重复（比较时不区分大小写、"
                    "全角半角，并忽略空格）。"),
    ("金额", "“成交额(元)”“技术交易额(元)”按元填写，最多两位小数；也可把表头改为"
             "“成交额(万元)”“技术交易额(万元)”按万元填写（精确换算，不四舍五入）。"),
    ("日期", "签订日期、登记日期格式 YYYY-MM-DD（也接受 YYYY/M/D）；登记日期不早于签订日期。"),
    ("地区代码", "卖方、买方地区代码为 6 位 GB/T 2260 行政区划代码，省、市、县级均可，"
               "须为签订当年使用的代码，如 620100 兰州市、110108 海淀区。"),
    ("整批导入", "任何一行有误时整批不导入，请按错误报告修改后重新上传。"),
    ("重复导入", "再次导入同一文件不会重复登记：登记编号已存在且内容相同的行会被跳过。"),
]


def _notes() -> list[tuple[str, str]]:
    types = "；".join(f"{t.label}（{'、'.join(t.subtypes.labels.values()) or '无子类型'}）"
                     for t in contract_types().values())
    province = home_province()
    return [
        *NOTES,
        ("合同类型（子类型）", types),
        ("卖方性质、买方性质", "、".join(party_types().labels.values())),
        ("技术领域", "、".join(vocabulary("tech_fields").labels.values())),
        ("知识产权类型", "、".join(ip_types().labels.values())),
        ("示范区地区代码", "、".join(f"{z.code} {z.name}" for z in zones().values())
         + f"；{province.code} {province.name}"),
    ]


@dataclass
class ContractImportReport(ImportReport):
    unchanged: int = 0  # rows already registered with the same values


class ContractImportFailed(ImportFailed):
    nothing = "合同"


SPEC = ImportSpec(
    COLUMNS,
    required=tuple((c.key,) for c in COLUMNS if c.in_template and c.key != "contract_subtype"),
    template_name="合同导入模板",
    max_rows=100_000,  # a province registers about 6,000 contracts a year
    written_headers=True,
    failure=ContractImportFailed,
    sheet_title="技术合同",
    notes=_notes,
    notes_widths=(20, 110),
)


@dataclass
class ContractWriter(BaseStagedWriter):
    """Checks each row as it streams past, then (per chunk) against the registered
    contracts; the new ones are staged as plain values and inserted in bulk at the end."""

    session: Session
    user: User | None  # None: the command line
    today: dt.date
    # normalised number -> contracts recorded before numbers were normalised (usually none)
    legacy: dict[str, list[Contract]] = field(default_factory=dict)
    seen: dict[str, tuple[int, str]] = field(default_factory=dict)  # number -> first row

    def authorise(self) -> None:
        if self.user is not None and not access.can_import(self.user):
            raise PermissionDenied("当前角色不能批量导入技术合同")

    def new_report(self, total: int) -> ContractImportReport:
        return ContractImportReport(total=total)

    def prepare(self, mapping: Mapping, rows: list[Row]) -> None:
        legacy = select(Contract).where(
            Contract.registration_number != func.upper(Contract.registration_number))
        for contract in self.session.scalars(legacy.order_by(Contract.id)):
            number = normalise_registration_number(contract.registration_number)
            self.legacy.setdefault(number, []).append(contract)

    def stage(self, entry: RowInput) -> dict[str, Any] | None:
        values = self._check(entry)
        if entry.errors or values is None:
            return None
        values["created_by_id"] = self.user.id if self.user is not None else None
        # pending: not counted until recognised
        values["status"] = access.status_after(self.user, SimpleNamespace(**values))
        return json_values(values)

    def check_chunk(self, rows: list[tuple[RowInput, dict[str, Any]]],
                    report: ContractImportReport) -> list[Staged]:
        recorded = self._recorded([values["registration_number"] for _, values in rows])
        kept = []
        for entry, values in rows:
            found = recorded.get(values["registration_number"], [])
            if not found:
                kept.append((entry.number, values))
            elif _refusal(found, values) is None:
                report.unchanged += 1
            else:
                report.errors.append(RowError(entry.number, entry.header_for(
                    "registration_number"), _refusal(found, values)))
        return kept

    def _recorded(self, numbers: list[str]) -> dict[str, list[Contract]]:
        found = {n: list(self.legacy[n]) for n in numbers if n in self.legacy}
        stmt = select(Contract).where(Contract.registration_number.in_(numbers))
        for contract in self.session.scalars(stmt.order_by(Contract.id)):
            found.setdefault(contract.registration_number, []).insert(0, contract)
        return found

    def _check(self, entry: RowInput) -> dict[str, Any] | None:
        """The row's column values (defaults filled in), or None with its errors."""
        values = None
        try:
            values = {**_defaults(), **contract_values(entry.data, self.today)}
        except ValidationFailed as exc:
            for key, messages in exc.fields.items():
                entry.errors.setdefault(entry.header_for(key), []).extend(messages)
        if values is not None and not in_zone_scope(self.user, SimpleNamespace(**values)):
            entry.add_error(entry.header_for("seller_region_code"),
                            "示范区管理员只能导入卖方或买方在本示范区的合同")
        written = str(entry.data.get("registration_number") or "").strip()
        number = normalise_registration_number(written)
        if number in self.seen:
            row, first = self.seen[number]
            entry.add_error(entry.header_for("registration_number"),
                            f"与第 {row} 行的登记编号 {first} 视为同一编号（不区分大小写、"
                            "全角半角和空格）")
        self.seen.setdefault(number, (entry.number, written))
        return values

    def insert(self, rows: list[Staged], report: ContractImportReport) -> None:
        table = Contract.__table__
        self.session.execute(insert(table), [table_values(table, v) for _, v in rows])
        # ids by number (unique): a plain executemany is much faster than RETURNING per row
        numbers = [values["registration_number"] for _, values in rows]
        ids = list(self.session.scalars(select(Contract.id).where(
            Contract.registration_number.in_(numbers)).order_by(Contract.id)))
        user_id = self.user.id if self.user is not None else None
        self.session.execute(insert(ContractChange.__table__), [
            {"contract_id": i, "action": "import", "user_id": user_id} for i in ids])
        report.created += len(ids)
        report.ids += ids


_NOT_STAGED = ("id", "created_at", "updated_at")


@cache
def _defaults() -> dict[str, Any]:
    """Every column a bulk insert sets, with its default (so every row has the same keys)."""
    return {column.key: column.default.arg if column.default is not None
            and column.default.is_scalar else None
            for column in Contract.__table__.columns if column.key not in _NOT_STAGED}


def _refusal(recorded: list[Contract], values: dict[str, Any]) -> str | None:
    """Why a row whose number is already recorded is refused; None: the same contract."""
    named = "、".join(f"{c.registration_number}（合同编号 {c.id}）" for c in recorded)
    if len(recorded) > 1:
        return f"已登记的多份合同视为同一登记编号：{named}，请先在合同页面处理"
    if _same(recorded[0], values):
        return None
    return f"与已登记的合同 {named} 视为同一登记编号且内容不同（修改请在合同页面进行）"


def _same(recorded: Contract, values: dict[str, Any]) -> bool:
    """The same values, the registration number compared normalised."""
    old = current_values(recorded)
    old["registration_number"] = normalise_registration_number(old["registration_number"])
    new = table_values(Contract.__table__, values)
    return old == {key: new[key] for key in old}


def import_contracts(session: Session, user: User | None, filename: str, data: bytes, *,
                     today: dt.date) -> ContractImportReport:
    """Import one file in this transaction, staged in memory (small files; large ones go
    through an import job). Raises ContractImportFailed (nothing imported),
    UnsupportedFile or PermissionDenied. The caller commits."""
    writer = ContractWriter(session, user, today)
    writer.authorise()
    table = open_table(filename, data, SPEC.max_rows)
    stage = MemoryStage()
    report = stage_rows(SPEC, writer, match_headers(SPEC, table.headers), table.rows, stage)
    return write_staged(writer, stage, report)


def writer_for(session: Session, user: User | None, today: dt.date) -> ContractWriter:
    """The writer of "contracts" import jobs."""
    return ContractWriter(session, user, today)
