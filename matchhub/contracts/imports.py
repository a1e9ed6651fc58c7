"""Import registered contracts (技术合同登记表) from CSV/XLSX files with Chinese headers.

The registry declares its column spec and a row writer; matchhub.imports does the rest.
All or nothing: every row is validated like a form entry; if any row is bad, nothing is
written and the report names each bad row and column. Importing the same file again
changes nothing. A row whose registration number is already recorded is reported as
unchanged, corrected or cancelled (contracts.reimport); other differences are errors
unless the importer asks for corrections, which are then made through
services.update_contract (its rules decide who may make them).
"""

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.contracts import access
from matchhub.contracts.models import Contract, ContractChange
from matchhub.contracts.reimport import (
    CANCELLED,
    CORRECTED,
    NEW,
    UNCHANGED,
    History,
    RowOutcome,
    correct,
    outcome_of,
    replaced_values,
    to_apply,
)
from matchhub.contracts.services import ELSEWHERE_DENIED, build_contract
from matchhub.contracts.vocabulary import contract_types, ip_types, party_types
from matchhub.core.db_types import utcnow
from matchhub.core.errors import PermissionDenied, ValidationFailed
from matchhub.core.identifiers import normalise_registration_number
from matchhub.core.regions import home_province, zones
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
from matchhub.imports.files import Row
from matchhub.imports.mapping import Mapping

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
    rows: list[RowOutcome] = field(default_factory=list)  # each row's outcome

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
class ContractWriter(BaseRowWriter):
    """Checks every row first, then registers the new contracts at once."""

    session: Session
    user: User | None  # None: the command line
    today: dt.date
    apply_corrections: bool = False  # make differing rows' corrections (update_contract)
    # normalised registration number -> the contracts recorded under it (more than one
    # only for rows recorded before numbers were normalised)
    existing: dict[str, list[Contract]] = field(default_factory=dict)
    seen: dict[str, tuple[int, str]] = field(default_factory=dict)  # number -> first row
    new: list[Contract] = field(default_factory=list)
    # (recorded contract, the row's contract, its outcome) to correct in finish
    corrections: list[tuple[Contract, Contract, RowOutcome]] = field(default_factory=list)
    history: History = field(default_factory=dict)

    def authorise(self) -> None:
        if self.user is not None and not access.can_import(self.user):
            raise PermissionDenied("只有技术合同登记员和平台管理员可以批量导入技术合同")

    def new_report(self, total: int) -> ContractImportReport:
        return ContractImportReport(total=total)

    def prepare(self, mapping: Mapping, rows: list[Row]) -> None:
        numbers = sorted({normalise_registration_number(c)
                          for c in mapping.cells(rows, "registration_number")})
        found: dict[int, Contract] = {}
        for start in range(0, len(numbers), 500):
            stmt = select(Contract).where(
                Contract.registration_number.in_(numbers[start:start + 500]))
            found.update({c.id: c for c in self.session.scalars(stmt)})
        # rows recorded before numbers were normalised (in one pass, usually none)
        legacy = select(Contract).where(
            Contract.registration_number != func.upper(Contract.registration_number))
        wanted = set(numbers)
        found.update({c.id: c for c in self.session.scalars(legacy)
                      if normalise_registration_number(c.registration_number) in wanted})
        for contract in sorted(found.values(), key=lambda c: c.id):
            number = normalise_registration_number(contract.registration_number)
            self.existing.setdefault(number, []).append(contract)
        self.history = replaced_values(self.session, sorted(found))

    def write(self, entry: RowInput, report: ContractImportReport) -> None:
        contract = self._check(entry)
        if entry.errors or contract is None:
            return
        recorded = self.existing.get(contract.registration_number, [])
        header = entry.header_for("registration_number")
        named = "、".join(f"{c.registration_number}（合同编号 {c.id}）" for c in recorded)
        if not recorded:
            self.new.append(contract)
            report.add(RowOutcome(entry.number, contract.registration_number, NEW))
        elif len(recorded) > 1:
            entry.add_error(header, f"已登记的多份合同视为同一登记编号：{named}，"
                                    "请先在合同页面处理")
        else:
            self._existing_row(entry, recorded[0], contract, report)

    def _existing_row(self, entry: RowInput, recorded: Contract, contract: Contract,
                      report: ContractImportReport) -> None:
        keys = [c.key for c in entry.mapping.columns if c is not None]
        outcome = outcome_of(recorded, contract, keys, self.history, entry.header_for)
        if outcome is None and self.apply_corrections:
            outcome = to_apply(recorded, contract, keys, entry.header_for)
            self.corrections.append((recorded, contract, outcome))
        if outcome is None:
            differ = to_apply(recorded, contract, keys, entry.header_for).changes
            listed = "；".join(f"{c.field}：{c.old} → {c.new}" for c in differ)
            entry.add_error(entry.header_for("registration_number"),
                            f"与已登记的合同 {recorded.registration_number}（合同编号 "
                            f"{recorded.id}）视为同一登记编号且内容不同（{listed}）；"
                            "修改请在合同页面进行，或选择按文件更正")
            return
        outcome.row = entry.number
        report.add(outcome)

    def _check(self, entry: RowInput) -> Contract | None:
        contract = None
        try:
            contract = build_contract(entry.data, self.today)
        except ValidationFailed as exc:
            for key, messages in exc.fields.items():
                entry.errors.setdefault(entry.header_for(key), []).extend(messages)
        if contract is not None and contract.registered_elsewhere and (
                not access.can_register_elsewhere(self.user)):
            entry.add_error(entry.header_for("seller_region_code"), ELSEWHERE_DENIED)
        elif contract is not None and not contract.registered_elsewhere and (
                not access.acts_for_seller(self.user, contract)):
            entry.add_error(entry.header_for("seller_region_code"),
                            "卖方不在您担任技术合同登记员的示范区，不能导入（合同在卖方所在地"
                            "认定登记）")
        written = str(entry.data.get("registration_number") or "").strip()
        number = normalise_registration_number(written)
        if number in self.seen:
            row, first = self.seen[number]
            entry.add_error(entry.header_for("registration_number"),
                            f"与第 {row} 行的登记编号 {first} 视为同一编号（不区分大小写、"
                            "全角半角和空格）")
        self.seen.setdefault(number, (entry.number, written))
        return contract

    def finish(self, report: ImportReport) -> None:
        user_id = self.user.id if self.user is not None else None
        now = utcnow()
        for contract in self.new:  # every row is the seller zone's officer's (checked)
            contract.created_by_id = contract.confirmed_by_id = user_id
            contract.status, contract.confirmed_at = "active", now
            self.session.add(contract)
        self.session.flush()
        self.session.add_all(ContractChange(contract_id=c.id, action="import", user_id=user_id)
                             for c in self.new)
        self.session.flush()
        report.created = len(self.new)
        report.registered_elsewhere = sum(c.registered_elsewhere for c in self.new)
        report.ids = [c.id for c in self.new]
        ids = iter(report.ids)
        for outcome in report.rows:
            if outcome.outcome == NEW:
                outcome.contract_id = next(ids)
        self._correct_all(report)

    def _correct_all(self, report: ContractImportReport) -> None:
        """Each correction through the contract service; a refused one refuses the file."""
        for recorded, contract, outcome in self.corrections:
            try:
                correct(self.session, self.user, recorded, contract, outcome.changes,
                        self.today)
            except (PermissionDenied, ValidationFailed) as exc:
                messages = [m for ms in exc.fields.values() for m in ms] or [exc.message]
                report.refuse(outcome.row, {outcome.changes[0].field: messages})


def row_checks(session: Session, user: User | None, today: dt.date):
    """The checks each row of an import gets, for the mapping step's preview: messages
    go into the row's errors and nothing is written."""
    return ContractWriter(session, user, today)._check


def import_contracts(session: Session, user: User | None, filename: str, data: bytes, *,
                     today: dt.date, column_map: ColumnMap | None = None,
                     apply_corrections: bool = False) -> ContractImportReport:
    """Import one file (through ``column_map`` when its headers are not the template's;
    with ``apply_corrections``, recorded contracts take the file's differing values);
    raises ContractImportFailed (nothing imported), UnsupportedFile or PermissionDenied.
    The caller commits."""
    writer = ContractWriter(session, user, today, apply_corrections)
    return engine.import_file(SPEC, writer, filename, data, column_map)
