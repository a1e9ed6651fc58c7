"""What the contract registration page (/contracts/new?case=<id>) needs from a case: the
case itself (visible to the user, 404 otherwise; signed and workable by them) and the
pre-filled form values."""

from flask import request

from matchhub.accounts.models import User
from matchhub.cases import prefill, registration, services
from matchhub.cases.models import MatchCase
from matchhub.core.clock import today
from matchhub.core.errors import DomainError
from matchhub.core.extensions import db


def requested_case(user: User) -> MatchCase | None:
    """The case named by ?case=, ready to register from; None without the argument."""
    raw = request.args.get("case")
    if raw is None:
        return None
    if not raw.isdigit():
        raise DomainError("参数 case 无效：应为对接单编号", {"case": ["应为对接单编号"]})
    case = services.find_visible(db.session, user, int(raw))
    registration.check_can_register(user, case)
    return case


def initial_values(user: User, case: MatchCase) -> dict[str, str]:
    return prefill.contract_values(case, registration.case_broker_id(user, case), today())
