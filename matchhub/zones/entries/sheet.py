"""What a zone has entered for a year, as the entry page shows it: the current reported
values with who/when/source/evidence, policy texts and scores, featured indicators and
targets, plus the evidence files (for the same audience that enters them)."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.core.errors import NotFound, PermissionDenied
from matchhub.core.regions import home_province, zones
from matchhub.zones.access import can_enter_for
from matchhub.zones.entries import recording as entries
from matchhub.zones.indicators import Indicator, by_source, indicators, reported_input_codes
from matchhub.zones.models import FeaturedIndicator, PolicyAssessment, ReportedValue, Target
from matchhub.zones.report_keys import TARGET_KEYS

CONTRACT_TARGET_NAMES = {
    "contract_volume_output": "技术合同成交额（输出）",
    "contract_volume_absorbed": "技术合同成交额（吸纳）",
    "contract_count_output": "技术合同数（输出）",
    "tech_income_output": "技术交易额（输出）",
    "large_contracts_output": "1000万元以上重大技术合同数（输出）",
}


def target_names() -> dict[str, str]:
    """Report key -> its Chinese name with the unit its target is entered in."""
    names = {**CONTRACT_TARGET_NAMES,
             **{code: i.name for code, i in indicators().items() if code in TARGET_KEYS}}
    return {key: f"{names.get(key, key)}（{unit}）" for key, unit in TARGET_KEYS.items()}


def scope_name(code: str) -> str | None:
    """A zone's or the province's name; None for an unknown code."""
    if code == home_province().code:
        return home_province().name
    zone = zones().get(code)
    return zone.name if zone else None


@dataclass
class ReportedRow:
    code: str
    name: str
    unit: str
    current: ReportedValue | None


@dataclass
class PolicyRow:
    indicator: Indicator
    entry: PolicyAssessment | None


@dataclass
class EntrySheet:
    scope: str
    year: int
    reported: list[ReportedRow]
    policies: list[PolicyRow]
    featured: list[FeaturedIndicator]
    targets: list[Target]
    people: dict[int, str]  # user id -> display name, for the policy and target rows

    def who(self, user_id: int | None) -> str:
        return self.people.get(user_id, "—") if user_id is not None else "—"


def _people(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.display_name).where(User.id.in_(wanted)))
    return {row.id: row.display_name for row in rows}


def entry_sheet(session: Session, scope: str, year: int) -> EntrySheet:
    latest = entries.latest_reported(session, year)
    reported = [ReportedRow(code, name, unit, latest.get((scope, code)))
                for code, (_indicator, name, unit) in reported_input_codes().items()]
    assessed = entries.policies(session, year)
    policies = [PolicyRow(i, assessed.get((scope, i.code))) for i in by_source("qualitative")]
    targets = list(session.scalars(select(Target).filter_by(scope_code=scope, year=year)
                                   .order_by(Target.key)))
    ids = {p.entry.written_by_id for p in policies if p.entry}
    ids |= {p.entry.scored_by_id for p in policies if p.entry}
    ids |= {t.set_by_id for t in targets}
    featured = entries.featured(session, year).get(scope, [])
    ids |= {f.entered_by_id for f in featured}
    return EntrySheet(scope, year, reported, policies, featured, targets,
                      _people(session, ids))


def evidence_file(session: Session, user: User | None, scope: str, year: int, value_id: int,
                  data_dir: Path) -> tuple[Path, str]:
    """The stored evidence of one reported value and its original name, for those who may
    enter the zone's figures; NotFound when it is not this zone's and year's, or missing."""
    if not can_enter_for(user, scope):
        raise PermissionDenied("只有本示范区管理员和平台管理员可以下载证明材料")
    row = session.get(ReportedValue, value_id)
    if row is None or (row.zone_code, row.year) != (scope, year) or not row.evidence_path:
        raise NotFound("证明材料不存在")
    path = data_dir / "evidence" / Path(row.evidence_path).name
    if not path.is_file():
        raise NotFound("证明材料文件已丢失")
    return path, row.evidence_name
