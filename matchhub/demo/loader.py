"""Load the demo data once: the cast, the CSL achievements and the demo needs."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import Organisation
from matchhub.core import clock
from matchhub.demo.achievements import load_achievements, technology_records
from matchhub.demo.cases import load_cases
from matchhub.demo.contracts import Parties, Topics, load_contracts
from matchhub.demo.files import RECORDS_PATH, discipline_fields, read_records
from matchhub.demo.needs import load_needs
from matchhub.demo.organisations import Cast, create_cast
from matchhub.demo.programme import load_programme


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    users: int
    achievements: int
    needs: int
    contracts: int
    cases: int


def demo_present(session: Session) -> bool:
    return session.scalar(select(Organisation.id).where(Organisation.is_demo).limit(1)) is not None


def load_demo(session: Session, records_path: Path | str = RECORDS_PATH,
              today: dt.date | None = None) -> DemoSummary | None:
    """Create the demo data unless some is present (then None). The caller commits."""
    if demo_present(session):
        return None
    today = today or clock.today()
    cast = create_cast(session)
    records = read_records(records_path)
    achievements = load_achievements(session, cast, records, today)
    needs = load_needs(session, cast, today)
    contracts = load_contracts(session, today, _topics(records), _parties(cast))
    cases = load_cases(session, cast, today)
    load_programme(session, cast, today, Path(current_app.config["DATA_DIR"]))
    return DemoSummary(len(cast.orgs), len(cast.users), achievements, needs, contracts, cases)


def _topics(records: list[dict]) -> Topics:
    """The demo achievements' keywords by 技术领域, for contract names."""
    topics: Topics = {}
    for record in technology_records(records):
        field = discipline_fields()[record["discipline"]]
        topics.setdefault(field, []).extend(k for k in record["keywords"] if 2 <= len(k) <= 12)
    return topics


def _parties(cast: Cast) -> Parties:
    parties: Parties = {}
    for org in cast.orgs.values():
        parties.setdefault(org.region_code, []).append((org.name, org.kind))
    return parties
