"""Cancelling (撤销) the technology contract registered from a case: the case goes back
from 已登记 to 已签约, since the parties' signing still stands and only the registration
is withdrawn; the history names the cancelled contract, and a corrected contract can then
be registered from the case again. Runs on the registry's ``contract_cancelled`` signal,
in the cancellation's transaction."""

from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.cases.models import MatchCase
from matchhub.cases.services import record, save
from matchhub.contracts.models import Contract
from matchhub.contracts.queries import case_still_registered


def reopen_for_cancelled(session: Session, user: User | None,
                         contract: Contract) -> MatchCase | None:
    """Move the contract's case 已登记 → 已签约; None when there is nothing to move."""
    case = session.get(MatchCase, contract.match_case_id) if contract.match_case_id else None
    if case is None or case.status != "registered" or case_still_registered(
            session, case.id, contract.id):
        return None
    case.status, case.closed_at = "signed", None  # signed_at keeps the day of signing
    record(session, case, user, "transition",
           f"撤销技术合同 {contract.registration_number}（合同编号 {contract.id}）："
           f"{contract.cancel_reason}", "registered", "signed")
    save(session)
    return case

