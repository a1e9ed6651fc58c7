"""Load the demo data once: the cast, the CSL achievements and the demo needs."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import Organisation
from matchhub.core import clock
from matchhub.demo.achievements import load_achievements
from matchhub.demo.contracts import load_contracts
from matchhub.demo.files import RECORDS_PATH, read_records
from matchhub.demo.needs import load_needs
from matchhub.demo.organisations import create_cast


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    users: int
    achievements: int
    needs: int
    contracts: int


def demo_present(session: Session) -> bool:
    return session.scalar(select(Organisation.id).where(Organisation.is_demo).limit(1)) is not None


def load_demo(session: Session, records_path: Path | str = RECORDS_PATH,
              today: dt.date | None = None) -> DemoSummary | None:
    """Create the demo data unless some is present (then None). The caller commits."""
    if demo_present(session):
        return None
    today = today or clock.today()
    cast = create_cast(session)
    achievements = load_achievements(session, cast, read_records(records_path), today)
    needs = load_needs(session, cast, today)
    contracts = load_contracts(session, today)
    return DemoSummary(len(cast.orgs), len(cast.users), achievements, needs, contracts)
