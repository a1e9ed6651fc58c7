"""Import registered contracts (技术合同登记表) from CSV/XLSX files with Chinese headers.

The registry declares its column spec and a row writer; matchhub.imports does the rest.
All or nothing: every row is validated like a form entry; if any row is bad, nothing is
written and the report names each bad row and column. Importing the same file again
changes nothing. A row whose registration number is already recorded is reported as
unchanged, corrected or cancelled (contracts.reimport); other differences are errors
unless the importer asks for corrections, which are then made through
services.update_contract (its rules decide who may make them).

Rows are checked as the file streams past and, per chunk, against the registered
contracts; new rows are staged as plain values (imports.staged_rows) and inserted in bulk
at the end, so no model object is built per row. Large files go through an import job.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Integer, String, func, insert, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.contracts import access
from matchhub.contracts.models import Contract, ContractChange
from matchhub.contracts.reimport import (
    CANCELLED,
    CORRECTED,
    CORRECTION_REASON,
    UNCHANGED,
    History,
    RowOutcome,
    outcome_of,
    replaced_values,
    to_apply,
)
from matchhub.contracts.services import (
    ELSEWHERE_DENIED,
    contract_values,
    update_contract,
)
from matchhub.contracts.vocabulary import contract_types, ip_types, party_types
from matchhub.core.db_types import utcnow
from matchhub.core.errors import PermissionDenied, ValidationFailed
from matchhub.core.identifiers import normalise_registration_number
from matchhub.core.regions import home_province, zones
from matchhub.core.vocabularies import vocabulary
from matchhub.imports import Column, ImportFailed, ImportReport, ImportSpec, RowInput
from matchhub.imports.column_map import ColumnMap, apply_map
from matchhub.imports.files import Row, open_table
from matchhub.imports.mapping import Mapping, match_headers
from matchhub.imports.models import StagedRow
from matchhub.imports.staged_rows import (
    BaseStagedWriter,
    MemoryStage,
    Staged,
    json_values,
    stage_rows,
    table_values,
    write_staged,
)
from matchhub.imports.staged_sql import fixed_value, job_rows, staged_value

COUNTRY_ALIASES = {side: tuple(f"{noun}{name}" for name in ("国别", "国家代码", "国别/国家代码"))
                   for side, noun in (("seller", "卖方"), ("buyer", "买方"))}
OPTIONAL = frozenset({"contract_subtype", "seller_country", "buyer_country"})
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
    Column("卖方国别代码", "seller_country", "code", aliases=COUNTRY_ALIASES["seller"]),
    Column("买方名称", "buyer_name"),
    Column("买方性质", "buyer_party_type", aliases=("买方类型",)),
    Column("买方地区代码", "buyer_region_code", "code"),
    Column("买方国别代码", "buyer_country", "code", aliases=COUNTRY_ALIASES["buyer"]),
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
    ("国别代码", "境外一方不填地区代码，填登记表的 3 位国别代码（ISO 3166-1 数字代码），"
               "如 840 美国、276 德国、344 香港；境内一方留空。境外一方不计入任何地区的统计，"
               "合同只按境内一方计入。"),
    ("外省登记", "卖方在外省的合同是在外省登记的合同（如全国技术合同登记系统交换的记录），"
               "只计入买方所在地的吸纳口径，不计入输出口径；只有平台（省级）管理员和命令行"
               "可以导入。"),
    ("整批导入", "任何一行有误时整批不导入，请按错误报告修改后重新上传。"),
    ("重复导入", "再次导入同一文件不会重复登记：登记编号已存在的行按“未变”“更正”（列出改动的"
                "字段）或“已撤销”报告；有权修改该合同时按文件更正，否则报错。"),
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
    registered_elsewhere: int = 0  # new contracts whose seller is in another province
    corrected: int = 0  # rows already registered, corrected to the file's values
    cancelled: int = 0  # rows whose registered contract was cancelled (left as it is)
    # the outcome of each row whose number was already recorded (new rows are counted)
    rows: list[RowOutcome] = field(default_factory=list)

    def add(self, outcome: RowOutcome) -> None:
        self.rows.append(outcome)
        if outcome.outcome in (UNCHANGED, CORRECTED, CANCELLED):
            setattr(self, outcome.outcome, getattr(self, outcome.outcome) + 1)


class ContractImportFailed(ImportFailed):
    nothing = "合同"


MAP_KIND = "contracts"  # saved column maps of this import
SPEC = ImportSpec(
    COLUMNS,
    required=tuple((c.key,) for c in COLUMNS if c.in_template and c.key not in OPTIONAL),
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
    contracts: new rows and asked-for corrections are staged as plain values, written at
    the end (new ones inserted in bulk, corrections through update_contract)."""

    session: Session
    user: User | None  # None: the command line
    today: dt.date
    apply_corrections: bool = False  # make differing rows' corrections (update_contract)
    # normalised number -> contracts recorded before numbers were normalised (usually none)
    legacy: dict[str, list[Contract]] = field(default_factory=dict)
    seen: dict[str, tuple[int, str]] = field(default_factory=dict)  # number -> first row
    keys: list[str] = field(default_factory=list)  # the fields the file has columns for

    def authorise(self) -> None:
        if self.user is not None and not access.can_import(self.user):
            raise PermissionDenied("只有技术合同登记员和平台管理员可以批量导入技术合同")

    def new_report(self, total: int) -> ContractImportReport:
        return ContractImportReport(total=total)

    def prepare(self, mapping: Mapping, rows: list[Row]) -> None:
        self.keys = [c.key for c in mapping.columns if c is not None]
        legacy = select(Contract).where(
            Contract.registration_number != func.upper(Contract.registration_number))
        for contract in self.session.scalars(legacy.order_by(Contract.id)):
            number = normalise_registration_number(contract.registration_number)
            self.legacy.setdefault(number, []).append(contract)

    def stage(self, entry: RowInput) -> dict[str, Any] | None:
        values = self._check(entry)
        if entry.errors or values is None:
            return None
        return json_values(values)

    def check_chunk(self, rows: list[tuple[RowInput, dict[str, Any]]],
                    report: ContractImportReport) -> list[Staged]:
        recorded = self._recorded([values["registration_number"] for _, values in rows])
        history = replaced_values(self.session, sorted(
            {c.id for found in recorded.values() for c in found}))
        kept = []
        for entry, values in rows:
            found = recorded.get(values["registration_number"], [])
            if not found:
                kept.append((entry.number, values))
            elif len(found) > 1:
                named = "、".join(f"{c.registration_number}（合同编号 {c.id}）" for c in found)
                entry.add_error(entry.header_for("registration_number"),
                                f"已登记的多份合同视为同一登记编号：{named}，请先在合同页面处理")
            else:
                kept += self._existing_row(entry, found[0], values, history, report)
            report.refuse(entry.number, entry.errors)
        return kept

    def _recorded(self, numbers: list[str]) -> dict[str, list[Contract]]:
        found = {n: list(self.legacy[n]) for n in numbers if n in self.legacy}
        stmt = select(Contract).where(Contract.registration_number.in_(numbers))
        for contract in self.session.scalars(stmt.order_by(Contract.id)):
            found.setdefault(contract.registration_number, []).insert(0, contract)
        return found

    def _existing_row(self, entry: RowInput, recorded: Contract, values: dict[str, Any],
                      history: History, report: ContractImportReport) -> list[Staged]:
        """Report an already recorded row; a correction to make is staged."""
        row = SimpleNamespace(**table_values(Contract.__table__, values))
        outcome = outcome_of(recorded, row, self.keys, history, entry.header_for)
        staged = []
        if outcome is None and self.apply_corrections:
            outcome = to_apply(recorded, row, self.keys, entry.header_for)
            staged.append((entry.number, _correction(recorded, outcome, values)))
        if outcome is None:
            differ = to_apply(recorded, row, self.keys, entry.header_for).changes
            listed = "；".join(f"{c.field}：{c.old} → {c.new}" for c in differ)
            entry.add_error(entry.header_for("registration_number"),
                            f"与已登记的合同 {recorded.registration_number}（合同编号 "
                            f"{recorded.id}）视为同一登记编号且内容不同（{listed}）；"
                            "修改请在合同页面进行，或选择按文件更正")
            return []
        outcome.row = entry.number
        report.add(outcome)
        return staged

    def _check(self, entry: RowInput) -> dict[str, Any] | None:
        """The row's column values (defaults filled in), or None with its errors."""
        values = None
        try:
            values = {**_defaults(), **contract_values(entry.data, self.today)}
        except ValidationFailed as exc:
            for key, messages in exc.fields.items():
                entry.errors.setdefault(entry.header_for(key), []).extend(messages)
        if values is not None:
            self._check_authority(entry, SimpleNamespace(**values))
        written = str(entry.data.get("registration_number") or "").strip()
        number = normalise_registration_number(written)
        if number in self.seen:
            row, first = self.seen[number]
            entry.add_error(entry.header_for("registration_number"),
                            f"与第 {row} 行的登记编号 {first} 视为同一编号（不区分大小写、"
                            "全角半角和空格）")
        self.seen.setdefault(number, (entry.number, written))
        return values

    def _check_authority(self, entry: RowInput, contract: SimpleNamespace) -> None:
        """外省登记 rows only by the province or the command line; others only by an
        officer of the seller's zone."""
        if contract.registered_elsewhere and not access.can_register_elsewhere(self.user):
            entry.add_error(entry.header_for("seller_region_code"), ELSEWHERE_DENIED)
        elif not contract.registered_elsewhere and not access.acts_for_seller(
                self.user, contract):
            entry.add_error(entry.header_for("seller_region_code"),
                            "卖方不在您担任技术合同登记员的示范区，不能导入（合同在卖方所在地"
                            "认定登记）")

    def insert(self, rows: list[Staged], report: ContractImportReport) -> None:
        new = [(number, values) for number, values in rows if _CORRECTS not in values]
        if new:
            self._insert_new(new, report)
        for number, values in rows:
            if _CORRECTS in values:
                self._correct(number, values, report)

    def insert_staged(self, job_id: int, report: ContractImportReport) -> bool:
        """A job's new rows in one INSERT ... SELECT, their history in another; the few
        corrections one by one through the contract service."""
        dialect = self.session.get_bind().dialect.name
        self._move_new(job_id, dialect)
        number = staged_value("registration_number", String(32), dialect)
        new = Contract.registration_number.in_(
            job_rows(job_id, number, marker=_CORRECTS, marked=False).order_by(None))
        created = self.session.execute(select(
            Contract.id, Contract.registered_elsewhere).where(new).order_by(Contract.id)).all()
        user_id = self.user.id if self.user is not None else None
        self.session.execute(insert(ContractChange.__table__).from_select(
            ["contract_id", "action", "user_id"],
            select(Contract.id, fixed_value("import", String(32), dialect),
                   fixed_value(user_id, Integer(), dialect)).where(new)))
        report.created += len(created)
        report.registered_elsewhere += sum(bool(row.registered_elsewhere) for row in created)
        report.ids += [row.id for row in created]
        corrections = job_rows(job_id, StagedRow.row_number, StagedRow.values,
                               marker=_CORRECTS, marked=True)
        for row in self.session.execute(corrections).all():
            self._correct(row.row_number, row.values, report)
        return True

    def _move_new(self, job_id: int, dialect: str) -> None:
        table = Contract.__table__
        fixed = self._confirmed()
        keys = [key for key in _defaults() if key not in fixed]
        values = [staged_value(key, table.c[key].type, dialect) for key in keys]
        values += [fixed_value(value, table.c[key].type, dialect)
                   for key, value in fixed.items()]
        rows = job_rows(job_id, *values, marker=_CORRECTS, marked=False)
        self.session.execute(insert(table).from_select([*keys, *fixed], rows))

    def _confirmed(self) -> dict[str, Any]:
        user_id = self.user.id if self.user is not None else None
        return {"status": "active", "created_by_id": user_id,
                "confirmed_by_id": user_id, "confirmed_at": utcnow()}

    def _insert_new(self, rows: list[Staged], report: ContractImportReport) -> None:
        """Every row is the seller zone's officer's (checked): registered as confirmed."""
        table = Contract.__table__
        user_id = self.user.id if self.user is not None else None
        confirmed = self._confirmed()
        self.session.execute(insert(table), [{**table_values(table, v), **confirmed}
                                             for _, v in rows])
        # ids by number (unique): a plain executemany is much faster than RETURNING per row
        numbers = [values["registration_number"] for _, values in rows]
        ids = list(self.session.scalars(select(Contract.id).where(
            Contract.registration_number.in_(numbers)).order_by(Contract.id)))
        self.session.execute(insert(ContractChange.__table__), [
            {"contract_id": i, "action": "import", "user_id": user_id} for i in ids])
        report.created += len(ids)
        report.registered_elsewhere += sum(bool(v["registered_elsewhere"]) for _, v in rows)
        report.ids += ids

    def _correct(self, number: int, staged: dict[str, Any],
                 report: ContractImportReport) -> None:
        """A row's corrections through the contract service (its permission, validation,
        history and audit rules apply); a refused one refuses the file."""
        recorded = self.session.get(Contract, staged[_CORRECTS])
        values = table_values(Contract.__table__, staged["values"])
        try:
            update_contract(self.session, self.user, recorded, values, self.today,
                            reason=CORRECTION_REASON)
        except (PermissionDenied, ValidationFailed) as exc:
            messages = [m for ms in exc.fields.values() for m in ms] or [exc.message]
            report.refuse(number, {staged["field"]: messages})


_CORRECTS = "_corrects"  # a staged correction: the id of the contract it corrects
_NOT_STAGED = ("id", "created_at", "updated_at")


def _correction(recorded: Contract, outcome: RowOutcome, values: dict[str, Any]
                ) -> dict[str, Any]:
    """A correction to stage: the contract, the changed fields' JSON values, the header
    its refusal would name."""
    return {_CORRECTS: recorded.id, "field": outcome.changes[0].field if outcome.changes else "",
            "values": {c.key: values[c.key] for c in outcome.changes}}


@cache
def _defaults() -> dict[str, Any]:
    """Every column a bulk insert sets, with its default (so every row has the same keys)."""
    return {column.key: column.default.arg if column.default is not None
            and column.default.is_scalar else None
            for column in Contract.__table__.columns if column.key not in _NOT_STAGED}


def row_checks(session: Session, user: User | None, today: dt.date):
    """The checks each row of an import gets, for the mapping step's preview: messages
    go into the row's errors and nothing is written."""
    return ContractWriter(session, user, today)._check


def import_contracts(session: Session, user: User | None, filename: str, data: bytes, *,
                     today: dt.date, column_map: ColumnMap | None = None,
                     apply_corrections: bool = False) -> ContractImportReport:
    """Import one file in this transaction, staged in memory (small files; large ones go
    through an import job), through ``column_map`` when its headers are not the
    template's; with ``apply_corrections``, recorded contracts take the file's differing
    values. Raises ContractImportFailed (nothing imported), UnsupportedFile or
    PermissionDenied. The caller commits."""
    writer = ContractWriter(session, user, today, apply_corrections)
    writer.authorise()
    table = open_table(filename, data, SPEC.max_rows)
    mapping = (match_headers(SPEC, table.headers) if column_map is None
               else apply_map(SPEC, table.headers, column_map))
    stage = MemoryStage()
    report = stage_rows(SPEC, writer, mapping, table.rows, stage)
    savepoint = session.begin_nested()
    write_staged(writer, stage, report)
    if report.errors:
        savepoint.rollback()
        raise ContractImportFailed(report)
    savepoint.commit()
    return report


def writer_for(session: Session, user: User | None, today: dt.date,
               options: dict[str, Any]) -> ContractWriter:
    """The writer of "contracts" import jobs (options: apply_corrections)."""
    return ContractWriter(session, user, today, bool(options.get("apply_corrections")))
