"""Register, edit and cancel technology contracts, each change recorded in the audit trail."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import Organisation, User
from matchhub.audit import services as audit
from matchhub.cases import access as case_access
from matchhub.cases.cancellation import reopen_for_cancelled
from matchhub.cases.models import MatchCase
from matchhub.catalog.models import Achievement, Need
from matchhub.contracts import permissions
from matchhub.contracts.inputs import clean_contract
from matchhub.contracts.models import Contract, ContractChange
from matchhub.core.errors import NotFound, PermissionDenied, ValidationFailed
from matchhub.core.regions import zone_for_region

AUDITED = ("registration_number", "name", "contract_type", "contract_subtype", "signed_on",
           "registered_on", "volume", "tech_income", "seller_name", "seller_party_type",
           "seller_region_code", "buyer_name", "buyer_party_type", "buyer_region_code",
           "tech_field", "ip_type", "seller_org_id", "buyer_org_id", "achievement_id",
           "need_id", "broker_id", "match_case_id")


def derived_columns(seller_region: str, buyer_region: str) -> dict[str, str]:
    """The zone and province columns that follow from the two region codes (also for bulk
    inserts, which bypass ``_derive``)."""
    return {"seller_zone": zone_for_region(seller_region),
            "seller_province": seller_region[:2] + "0000",
            "buyer_zone": zone_for_region(buyer_region),
            "buyer_province": buyer_region[:2] + "0000"}


def _derive(contract: Contract) -> None:
    """Zone and province columns follow the region codes."""
    for key, value in derived_columns(contract.seller_region_code,
                                      contract.buyer_region_code).items():
        setattr(contract, key, value)


def _number_taken(session: Session, number: str, except_id: int | None = None) -> bool:
    stmt = select(Contract.id).where(Contract.registration_number == number)
    if except_id is not None:
        stmt = stmt.where(Contract.id != except_id)
    return session.scalar(stmt.limit(1)) is not None


LINKED_MODELS = {"seller_org_id": Organisation, "buyer_org_id": Organisation,
                 "achievement_id": Achievement, "need_id": Need, "broker_id": User,
                 "match_case_id": MatchCase}


def _check_links(session: Session, contract: Contract) -> None:
    """Linked organisations, listings and the broker must exist (no dangling references)."""
    with session.no_autoflush:  # an edited row must not be flushed with a dangling link
        missing = {key: ["不存在该编号"] for key, model in LINKED_MODELS.items()
                   if getattr(contract, key) is not None
                   and session.get(model, getattr(contract, key)) is None}
    if missing:
        raise ValidationFailed(missing)


def _check_case_link(session: Session, user: User | None, contract: Contract,
                     previous: int | None = None) -> None:
    """Only someone who works on a match case (its brokers, platform admins) may link a
    contract to it: the link counts the contract in that case's and brokers' figures."""
    if user is None or contract.match_case_id in (None, previous):
        return
    with session.no_autoflush:
        case = session.get(MatchCase, contract.match_case_id)
        allowed = case is None or case_access.can_work(user, case)
    if not allowed:
        raise ValidationFailed({"match_case_id": ["只能关联由您办理的对接单"]})


def in_zone_scope(user: User | None, contract: Contract) -> bool:
    """A zone administrator registers only contracts whose seller or buyer is in the zone."""
    if user is None or user.role != "zone_admin":
        return True
    return bool(user.zone_code) and user.zone_code in (contract.seller_zone, contract.buyer_zone)


def _check_zone_scope(user: User | None, contract: Contract) -> None:
    if not in_zone_scope(user, contract):
        raise PermissionDenied("示范区管理员只能登记卖方或买方在本示范区的合同")


def build_contract(data: Mapping[str, Any], today: dt.date) -> Contract:
    """A new, validated contract row (not added to a session)."""
    contract = Contract(**clean_contract(data, today))
    _derive(contract)
    return contract


def create_contract(session: Session, user: User | None, data: Mapping[str, Any],
                    today: dt.date, *, action: str = "create") -> Contract:
    """Register a contract. ``user`` None is the command line (the system itself)."""
    if user is not None and not permissions.can_register(user):
        raise PermissionDenied("当前角色不能登记技术合同")
    contract = build_contract(data, today)
    if _number_taken(session, contract.registration_number):
        raise ValidationFailed({"registration_number": ["该合同登记编号已存在"]})
    _check_zone_scope(user, contract)
    _check_links(session, contract)
    _check_case_link(session, user, contract)
    contract.created_by_id = user.id if user is not None else None
    session.add(contract)
    session.flush()
    session.add(ContractChange(contract_id=contract.id, action=action,
                               user_id=contract.created_by_id))
    audit.record(session, user, "contract.create", contract, contract.registration_number,
                 via=action)
    return contract


def current_values(contract: Contract) -> dict[str, Any]:
    return {key: getattr(contract, key) for key in AUDITED}


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def update_contract(session: Session, user: User, contract: Contract,
                    changes: Mapping[str, Any], today: dt.date) -> list[ContractChange]:
    """Apply changes (a partial mapping) after validating the whole result; audited."""
    if not permissions.can_change(user, contract):
        raise PermissionDenied("无权修改该合同")
    unknown = sorted(set(changes) - set(AUDITED))
    if unknown:
        raise ValidationFailed({key: ["不能修改该字段"] for key in unknown})
    cleaned = clean_contract({**current_values(contract), **changes}, today)
    previous_case = contract.match_case_id
    if _number_taken(session, cleaned["registration_number"], except_id=contract.id):
        raise ValidationFailed({"registration_number": ["该合同登记编号已存在"]})
    recorded = []
    for key, new in cleaned.items():
        old = getattr(contract, key)
        if old != new:
            recorded.append(ContractChange(contract_id=contract.id, action="update", field=key,
                                           old_value=_shown(old), new_value=_shown(new),
                                           user_id=user.id))
            setattr(contract, key, new)
    _derive(contract)
    _check_zone_scope(user, contract)
    _check_links(session, contract)
    _check_case_link(session, user, contract, previous_case)
    session.add_all(recorded)
    if recorded:
        audit.record(session, user, "contract.update", contract, contract.registration_number,
                     fields=[change.field for change in recorded])
    session.flush()
    return recorded


def cancel_contract(session: Session, user: User, contract: Contract, reason: str) -> None:
    """Cancel (撤销) a registration; it stays on record but no longer counts."""
    if not permissions.can_change(user, contract):
        raise PermissionDenied("无权撤销该合同")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": ["请填写撤销原因"]})
    contract.status = "cancelled"
    contract.cancel_reason = reason
    session.add(ContractChange(contract_id=contract.id, action="cancel", field="status",
                               old_value="active", new_value="cancelled", user_id=user.id,
                               note=reason))
    audit.record(session, user, "contract.cancel", contract, reason)
    session.flush()
    reopen_for_cancelled(session, user, contract)


def find_visible(session: Session, user: User | None, contract_id: int) -> Contract:
    """The contract if this user may see it; NotFound otherwise (no existence leak)."""
    contract = session.get(Contract, contract_id)
    if contract is None or not permissions.can_view(user, contract):
        raise NotFound("合同不存在或无权查看")
    return contract


def history(session: Session, contract: Contract) -> list[ContractChange]:
    stmt = select(ContractChange).where(ContractChange.contract_id == contract.id)
    return list(session.scalars(stmt.order_by(ContractChange.id)))
