"""How match cases answer the contract registry's signals (connected by cases.init_app)."""

from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.cases import access
from matchhub.cases.cancellation import reopen_for_cancelled
from matchhub.cases.models import MatchCase
from matchhub.contracts.events import case_link_requested, contract_cancelled
from matchhub.contracts.models import Contract
from matchhub.core.errors import ValidationFailed


def check_case_link(_contract: Contract, *, session: Session, user: User, case_id: int) -> None:
    """Only someone who works on a match case (its brokers, platform admins) may link a
    contract to it; a case that does not exist is the registry's own 422."""
    case = session.get(MatchCase, case_id)
    if case is not None and not access.can_work(user, case):
        raise ValidationFailed({"match_case_id": ["只能关联由您办理的对接单"]})


def reopen_case(contract: Contract, *, session: Session, user: User | None) -> None:
    reopen_for_cancelled(session, user, contract)


def connect() -> None:
    """Idempotent: blinker keeps one connection per receiver."""
    case_link_requested.connect(check_case_link)
    contract_cancelled.connect(reopen_case)
