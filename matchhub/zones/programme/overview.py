"""Everything the programme page shows about one zone: status, plan, yearly reports and
assessments."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from matchhub.zones.models import ZoneAssessment, ZonePlan, ZoneProgramme, ZoneYearReport
from matchhub.zones.programme.assessments import assessments
from matchhub.zones.programme.plans import get_plan
from matchhub.zones.programme.status import find_programme
from matchhub.zones.programme.year_reports import year_reports


@dataclass
class ProgrammeOverview:
    code: str
    programme: ZoneProgramme | None
    plan: ZonePlan | None
    reports: list[ZoneYearReport]
    assessments: list[ZoneAssessment]

    @property
    def status(self) -> str:
        return self.programme.status if self.programme else "applying"

    @property
    def report_years(self) -> list[int]:
        p = self.programme
        if p is None or p.status not in {"building", "evaluating"} or p.start_year is None:
            return []
        return list(range(p.start_year, p.end_year + 1))


def programme_overview(session: Session, code: str) -> ProgrammeOverview:
    return ProgrammeOverview(code, find_programme(session, code), get_plan(session, code),
                             year_reports(session, code), assessments(session, code))
