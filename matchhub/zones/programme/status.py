"""A zone's programme through the notice's process (section 四): the zone applies with a
construction plan, the province approves it, the zone reports every year, and the
province runs the final assessment. Statuses, their labels, and the programme row."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.core.config_files import load_json
from matchhub.zones.models import ZoneProgramme

PROGRAMME_STATUSES = {"applying": "申报", "building": "建设中", "evaluating": "评估中",
                      "accepted": "已验收"}
PLAN_STATUSES = {"draft": "草稿", "submitted": "待审核", "approved": "已批准",
                 "returned": "已退回修改"}
CONCLUSIONS = {"excellent": "优秀", "passed": "通过", "failed": "不通过"}


def period_lengths() -> tuple[int, ...]:
    """Allowed construction periods in years (建设期原则上为2至3年)."""
    return tuple(load_json("zones.json").get("construction_period_years", [2, 3]))


def find_programme(session: Session, code: str) -> ZoneProgramme | None:
    return session.scalar(select(ZoneProgramme).filter_by(zone_code=code))


def get_programme(session: Session, code: str) -> ZoneProgramme:
    """The zone's programme row, created (申报) on first use."""
    programme = find_programme(session, code)
    if programme is None:
        programme = ZoneProgramme(zone_code=code, status="applying")
        session.add(programme)
        session.flush()
    return programme


def programmes(session: Session) -> dict[str, ZoneProgramme]:
    return {p.zone_code: p for p in session.scalars(select(ZoneProgramme))}
