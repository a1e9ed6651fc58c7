"""Demo match cases: the demo broker's cases on demo needs, one or more in every stage of
the case workflow, walked through the cases services as a broker would (the registered
one by registering its contract, as the platform administrator)."""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.cases import prefill
from matchhub.cases.models import MatchCase
from matchhub.cases.registration import register_from_case
from matchhub.cases.services import open_case, transition_case
from matchhub.catalog.models import Achievement, Need
from matchhub.demo.organisations import Cast

BROKER_EMAIL = "broker@demo.example"
# The stage each demo case is left in, in the order of the demo needs.
STAGES = ("recommended", "contacted", "negotiating", "signed", "registered", "terminated",
          "contacted", "recommended")
PATH = ("contacted", "negotiating", "signed")
TERMINATION = "企业预算调整，双方约定暂缓合作（演示）"


def load_cases(session: Session, cast: Cast, today: dt.date) -> int:
    broker = cast.users[BROKER_EMAIL]
    needs = session.scalars(select(Need).where(Need.is_demo).order_by(Need.id)).all()
    for stage, need in zip(STAGES, needs, strict=False):
        achievements = session.scalars(
            select(Achievement.id).where(Achievement.is_demo, Achievement.field == need.field)
            .order_by(Achievement.id).limit(2)).all()
        case = open_case(session, broker, need.id, achievements, today, "根据需求推荐成果（演示）")
        _walk(session, cast, case, stage, today)
    return min(len(STAGES), len(needs))


def _walk(session: Session, cast: Cast, case: MatchCase, stage: str, today: dt.date) -> None:
    broker = cast.users[BROKER_EMAIL]
    if stage == "terminated":
        transition_case(session, broker, case, "terminated", version=case.version,
                        reason=TERMINATION)
        return
    last = "signed" if stage == "registered" else stage
    steps = PATH[:PATH.index(last) + 1] if last in PATH else ()
    for weeks_ago, target in zip(range(len(steps), 0, -1), steps, strict=True):
        # A step a week, ending today (the platform's day, not the host's).
        at = dt.datetime.combine(today - dt.timedelta(weeks=weeks_ago - 1), dt.time(2))
        transition_case(session, broker, case, target, version=case.version, now=at)
    if stage == "registered":
        _register(session, cast, case, today)


def _register(session: Session, cast: Cast, case: MatchCase, today: dt.date) -> None:
    values = prefill.contract_values(case, broker_id=None, today=today)
    values.update(registration_number=f"DEMOCASE{case.id:06d}",
                  seller_party_type=values.get("seller_party_type") or "enterprise_llc",
                  buyer_party_type=values.get("buyer_party_type") or "enterprise_llc")
    contract = register_from_case(session, cast.reviewer, case, values, today)
    contract.is_demo = True
