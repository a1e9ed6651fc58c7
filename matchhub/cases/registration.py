"""Register the technology contract of a signed case: the contract links back to the case
and the case moves to 已登记, in one transaction (both or neither). The registration page
(/contracts/new?case=<id>) gets the case and its pre-filled form values from here."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.cases import access, prefill, services
from matchhub.cases.models import MatchCase
from matchhub.cases.services import move, require_work
from matchhub.contracts.models import Contract
from matchhub.contracts.services import create_contract
from matchhub.core.args import parse_int
from matchhub.core.errors import InvalidTransition


def require_signed(case: MatchCase) -> None:
    if case.status != "signed":
        raise InvalidTransition("只有「已签约」的对接单可以登记技术合同")


def case_broker_id(user: User, case: MatchCase) -> int | None:
    """The broker credited: the registering broker, else the case's first broker."""
    if access.is_broker_on(user, case):
        return user.id
    return case.broker_links[0].broker_id if case.broker_links else None


def check_can_register(user: User, case: MatchCase) -> None:
    require_work(user, case)
    require_signed(case)
    if not case.achievement_links:
        raise InvalidTransition("对接单没有关联成果，不能登记合同")


def register_from_case(session: Session, user: User, case: MatchCase,
                       data: Mapping[str, Any], today: dt.date) -> Contract:
    """Create the contract with the case's links (whatever the form said) and close the case."""
    check_can_register(user, case)
    links = {"match_case_id": case.id, "need_id": case.need_id,
             "achievement_id": case.achievement_links[0].achievement_id,
             "broker_id": case_broker_id(user, case)}
    contract = create_contract(session, user, {**data, **links}, today,
                               vouched_links=("need_id", "achievement_id"))
    move(session, user, case, "registered",
         f"登记技术合同 {contract.registration_number}（合同编号 {contract.id}）")
    return contract


def requested_case(session: Session, user: User, raw: str | None) -> MatchCase | None:
    """The case named by the page's ``case`` argument (visible to the user, 404 otherwise;
    signed and workable by them), ready to register from; None without the argument."""
    if raw is None:
        return None
    case = services.find_visible(session, user, parse_int(raw, "case"))
    check_can_register(user, case)
    return case


def initial_values(user: User, case: MatchCase, today: dt.date) -> dict[str, str]:
    """The contract form's values drawn from the case."""
    return prefill.contract_values(case, case_broker_id(user, case), today)
