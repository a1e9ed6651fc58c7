"""Submit, confirm (认定登记), return, correct and cancel technology contracts, each change
recorded in the contract's history and the audit log."""

import datetime as dt
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import Organisation, User
from matchhub.audit import services as audit
from matchhub.catalog.models import Achievement, Need
from matchhub.catalog.services import find_visible as find_listing
from matchhub.contracts import access, events, evidence
from matchhub.contracts.events import case_link_requested, contract_cancelled
from matchhub.contracts.inputs import REGISTRATION_NUMBER, clean_contract
from matchhub.contracts.models import Contract, ContractChange
from matchhub.core.db_types import utcnow
from matchhub.core.errors import NotFound, PermissionDenied, ValidationFailed
from matchhub.core.identifiers import normalise_registration_number
from matchhub.core.regions import home_province, zone_for_region
from matchhub.core.text import clean_text, is_blank

AUDITED = ("registration_number", "name", "contract_type", "contract_subtype", "signed_on",
           "registered_on", "volume", "tech_income", "seller_name", "seller_party_type",
           "seller_region_code", "seller_country", "buyer_name", "buyer_party_type",
           "buyer_region_code", "buyer_country", "tech_field", "ip_type", "seller_org_id",
           "buyer_org_id", "achievement_id", "need_id", "broker_id", "match_case_id")


def _province(region: str) -> str:
    return region[:2] + "0000" if region else ""  # "" abroad: in no province


def derived_columns(seller_region: str, buyer_region: str) -> dict[str, Any]:
    """The zone and province columns and the 外省登记 flag that follow from the two region
    codes (also for bulk inserts, which bypass ``_derive``). A seller abroad is not
    外省登记: such a contract is registered by its domestic buyer."""
    seller_province = _province(seller_region)
    return {"seller_zone": zone_for_region(seller_region),
            "seller_province": seller_province,
            "buyer_zone": zone_for_region(buyer_region),
            "buyer_province": _province(buyer_region),
            "registered_elsewhere": seller_province not in ("", home_province().code)}


def _derive(contract: Contract) -> None:
    """Zone and province columns follow the region codes."""
    for key, value in derived_columns(contract.seller_region_code,
                                      contract.buyer_region_code).items():
        setattr(contract, key, value)


def _number_taken(session: Session, number: str, except_id: int | None = None) -> bool:
    """Whether another contract holds ``number`` (normalised); rows recorded before numbers
    were normalised are compared upper-cased (they could differ only in case)."""
    stmt = select(Contract.id).where(or_(Contract.registration_number == number,
                                         func.upper(Contract.registration_number) == number))
    if except_id is not None:
        stmt = stmt.where(Contract.id != except_id)
    return session.scalar(stmt.limit(1)) is not None


LINKED_MODELS = {"seller_org_id": Organisation, "buyer_org_id": Organisation,
                 "achievement_id": Achievement, "need_id": Need, "broker_id": User}
LINKED_KEYS = (*LINKED_MODELS, "match_case_id")
LISTING_KEYS = {"achievement_id": "achievement", "need_id": "need"}


def _linked_exists(session: Session, key: str, value: int) -> bool:
    if key in LINKED_MODELS:
        return session.get(LINKED_MODELS[key], value) is not None
    # Match cases sit above the registry: found through the column's foreign key.
    target = next(iter(Contract.__table__.c[key].foreign_keys)).column
    return session.scalar(select(target).where(target == value)) is not None


def _listing_hidden(session: Session, user: User | None, key: str, value: int,
                    today: dt.date) -> bool:
    """A listing the registrant may not see (someone's draft): linking it would show its
    title on the contract. The same answer as a missing one, so ids cannot be probed."""
    if user is None or key not in LISTING_KEYS:
        return False
    return find_listing(session, user, LISTING_KEYS[key], value, today) is None


def _check_links(session: Session, user: User | None, contract: Contract, today: dt.date,
                 unchecked: Collection[str] = ()) -> None:
    """Linked organisations, listings, the broker and the case must exist (no dangling
    references); linked listings must be ones the registrant may see, except ``unchecked``
    links (unchanged by an edit, or vouched for by the match case they come from)."""
    with session.no_autoflush:  # an edited row must not be flushed with a dangling link
        missing = {key: ["不存在该编号"] for key in LINKED_KEYS
                   if getattr(contract, key) is not None
                   and (not _linked_exists(session, key, getattr(contract, key))
                        or (key not in unchecked and _listing_hidden(
                            session, user, key, getattr(contract, key), today)))}
    if missing:
        raise ValidationFailed(missing)


def _check_case_link(session: Session, user: User | None, contract: Contract,
                     previous: int | None = None) -> None:
    """A new link to a match case is put to the case's owners (``case_link_requested``):
    the link counts the contract in that case's and brokers' figures."""
    if user is None or contract.match_case_id in (None, previous):
        return
    with session.no_autoflush:
        case_link_requested.send(contract, session=session, user=user,
                                 case_id=contract.match_case_id)


ELSEWHERE_DENIED = ("卖方在外省的合同（外省登记）只能由平台（省级）管理员或命令行导入，"
                    "只计入吸纳口径")


def in_zone_scope(user: User | None, contract: Contract) -> bool:
    """A zone administrator registers only contracts whose seller or buyer is in the zone."""
    if user is None or user.role != "zone_admin":
        return True
    return bool(user.zone_code) and user.zone_code in (contract.seller_zone, contract.buyer_zone)


def _check_zone_scope(user: User | None, contract: Contract) -> None:
    if contract.registered_elsewhere and not access.can_register_elsewhere(user):
        raise PermissionDenied(ELSEWHERE_DENIED)
    if not in_zone_scope(user, contract):
        raise PermissionDenied("示范区管理员只能登记卖方或买方在本示范区的合同")


def build_contract(data: Mapping[str, Any], today: dt.date) -> Contract:
    """A new, validated contract row (not added to a session)."""
    return Contract(**contract_values(data, today))


def contract_values(data: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """A new contract's validated column values, the derived ones included (bulk imports
    insert them without building a model object per row)."""
    values = clean_contract(data, today)
    values.update(derived_columns(values["seller_region_code"], values["buyer_region_code"]))
    return values


def create_contract(session: Session, user: User | None, data: Mapping[str, Any],
                    today: dt.date, *, action: str = "create",
                    vouched_links: Collection[str] = ()) -> Contract:
    """Register a contract: an officer of the seller's zone (or ``user`` None, the command
    line) registers it counted; anyone else submits it pending (待认定). ``vouched_links``
    are listing links a match case supplies (checked when linked to it)."""
    if user is not None and not access.can_register(user):
        raise PermissionDenied("当前角色不能登记技术合同")
    contract = build_contract(data, today)
    if _number_taken(session, contract.registration_number):
        raise ValidationFailed({"registration_number": ["该合同登记编号已存在"]})
    _check_zone_scope(user, contract)
    _check_links(session, user, contract, today, vouched_links)
    _check_case_link(session, user, contract)
    contract.created_by_id = user.id if user is not None else None
    contract.status = access.status_after(user, contract)
    if contract.status == "active":
        contract.confirmed_by_id, contract.confirmed_at = contract.created_by_id, utcnow()
    elif action == "create":
        action = "submit"
    session.add(contract)
    session.flush()
    session.add(ContractChange(contract_id=contract.id, action=action,
                               user_id=contract.created_by_id))
    audit.record(session, user, "contract.create" if contract.status == "active"
                 else "contract.submit", contract, contract.registration_number, via=action)
    if contract.status == "pending":
        events.contract_submitted.send(contract, session=session, user=user)
    return contract


def attach_evidence(session: Session, user: User, contract: Contract,
                    upload: evidence.Evidence | None, data_dir: Path) -> None:
    """The signed contract file: required for a submission that has none yet."""
    if upload is None and (contract.status == "active" or contract.evidence_path):
        return
    if not access.can_change(user, contract):
        raise PermissionDenied("无权为该合同上传合同文本")
    evidence.attach(session, contract, upload, data_dir)


def current_values(contract: Contract) -> dict[str, Any]:
    return {key: getattr(contract, key) for key in AUDITED}


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _require_reason(reason: str | None, message: str) -> str:
    reason = clean_text(reason or "", "reason", limit=2000, multiline=True)
    if is_blank(reason):
        raise ValidationFailed({"reason": [message]})
    return reason


def _check_editor(user: User, contract: Contract, reason: str | None) -> str:
    """The note of the change: a confirmed contract changes only by an officer's
    correction (更正) with a reason; a submission by its submitter or an officer."""
    if not access.can_change(user, contract):
        raise PermissionDenied("无权修改该合同：已认定登记的合同只能由卖方所在示范区的"
                               "技术合同登记员更正")
    if contract.status == "active":
        return _require_reason(reason, "请填写更正原因")
    return ""


def update_contract(session: Session, user: User, contract: Contract,
                    changes: Mapping[str, Any], today: dt.date,
                    reason: str | None = None) -> list[ContractChange]:
    """Apply changes (a partial mapping) after validating the whole result; audited. A
    returned contract that is fixed goes back to the officers (pending)."""
    note = _check_editor(user, contract, reason)
    action = "correct" if contract.status == "active" else "update"
    unknown = sorted(set(changes) - set(AUDITED))
    if unknown:
        raise ValidationFailed({key: ["不能修改该字段"] for key in unknown})
    cleaned = clean_contract({**current_values(contract), **changes}, today)
    previous_case = contract.match_case_id
    unchanged = [key for key in LISTING_KEYS if cleaned[key] == getattr(contract, key)]
    if _number_taken(session, cleaned["registration_number"], except_id=contract.id):
        raise ValidationFailed({"registration_number": ["该合同登记编号已存在"]})
    recorded = []
    for key, new in cleaned.items():
        old = getattr(contract, key)
        if old != new:
            recorded.append(ContractChange(contract_id=contract.id, action=action, field=key,
                                           old_value=_shown(old), new_value=_shown(new),
                                           user_id=user.id, note=note))
            setattr(contract, key, new)
    _derive(contract)
    _check_zone_scope(user, contract)
    if action == "correct" and not access.acts_for_seller(user, contract):
        raise PermissionDenied("更正后的卖方不在您担任登记员的示范区")
    _check_links(session, user, contract, today, unchanged)
    _check_case_link(session, user, contract, previous_case)
    resubmitted = bool(recorded) and contract.status == "returned"
    if resubmitted:
        _set_status(contract, "pending", user, recorded, "submit")
    session.add_all(recorded)
    if recorded:
        audit.record(session, user, f"contract.{action}", contract,
                     note or contract.registration_number,
                     fields=[change.field for change in recorded])
    session.flush()
    if resubmitted:
        events.contract_submitted.send(contract, session=session, user=user)
    return recorded


def _set_status(contract: Contract, status: str, user: User, recorded: list,
                action: str = "update", note: str = "") -> None:
    if contract.status != status:
        recorded.append(ContractChange(contract_id=contract.id, action=action, field="status",
                                       old_value=contract.status, new_value=status,
                                       user_id=user.id, note=note))
        contract.status = status


def _confirmed_number(session: Session, contract: Contract, number: str | None) -> str:
    """The registration number the officer gives (or the submitted one), normalised and
    not held by another contract."""
    cleaned = normalise_registration_number(number or contract.registration_number)
    if not REGISTRATION_NUMBER.match(cleaned):
        raise ValidationFailed({"registration_number": ["必填，4-32 位字母、数字或连字符"]})
    if _number_taken(session, cleaned, except_id=contract.id):
        raise ValidationFailed({"registration_number": ["该合同登记编号已存在"]})
    return cleaned


def confirm_contract(session: Session, user: User, contract: Contract,
                     registration_number: str | None = None) -> None:
    """认定登记: an officer of the seller's zone (or a platform administrator) confirms a
    pending contract with its registration number; from now on it counts. Audited."""
    if not access.can_confirm(user, contract):
        raise PermissionDenied("只有卖方所在示范区的技术合同登记员或平台管理员可以认定登记")
    if not contract.evidence_path and contract.created_by_id not in (None, user.id):
        raise ValidationFailed({"evidence": ["尚未上传已签订的合同文本，不能认定登记"]})
    number = _confirmed_number(session, contract, registration_number)
    recorded: list[ContractChange] = []
    if number != contract.registration_number:
        recorded.append(ContractChange(
            contract_id=contract.id, action="confirm", field="registration_number",
            old_value=contract.registration_number, new_value=number, user_id=user.id))
        contract.registration_number = number
    _set_status(contract, "active", user, recorded, "confirm")
    contract.confirmed_by_id, contract.confirmed_at = user.id, utcnow()
    contract.return_reason = ""
    session.add_all(recorded)
    audit.record(session, user, "contract.confirm", contract, contract.registration_number,
                 volume=str(contract.volume), seller_zone=contract.seller_zone)
    session.flush()
    events.contract_confirmed.send(contract, session=session, user=user)


def return_contract(session: Session, user: User, contract: Contract, reason: str) -> None:
    """Return (退回) a pending contract to its submitter with a reason; they fix it and it
    goes back to pending."""
    if not access.can_confirm(user, contract):
        raise PermissionDenied("只有卖方所在示范区的技术合同登记员或平台管理员可以退回")
    reason = _require_reason(reason, "请填写退回原因")
    recorded: list[ContractChange] = []
    _set_status(contract, "returned", user, recorded, "return", reason)
    contract.return_reason = reason
    session.add_all(recorded)
    audit.record(session, user, "contract.return", contract, reason)
    session.flush()
    events.contract_returned.send(contract, session=session, user=user, reason=reason)


def cancel_contract(session: Session, user: User, contract: Contract, reason: str) -> None:
    """Cancel (撤销) a registration; it stays on record but no longer counts. A confirmed
    contract is cancelled only by an officer of the seller's zone."""
    if not access.can_cancel(user, contract):
        raise PermissionDenied("无权撤销该合同：已认定登记的合同只能由卖方所在示范区的"
                               "技术合同登记员撤销")
    reason = _require_reason(reason, "请填写撤销原因")
    old_status = contract.status
    contract.status = "cancelled"
    contract.cancel_reason = reason
    session.add(ContractChange(contract_id=contract.id, action="cancel", field="status",
                               old_value=old_status, new_value="cancelled", user_id=user.id,
                               note=reason))
    audit.record(session, user, "contract.cancel", contract, reason)
    session.flush()
    contract_cancelled.send(contract, session=session, user=user)


def find_visible(session: Session, user: User | None, contract_id: int) -> Contract:
    """The contract if this user may see it; NotFound otherwise (no existence leak)."""
    contract = session.get(Contract, contract_id)
    if contract is None or not access.can_view(user, contract):
        raise NotFound("合同不存在或无权查看")
    return contract


def history(session: Session, contract: Contract) -> list[ContractChange]:
    stmt = select(ContractChange).where(ContractChange.contract_id == contract.id)
    return list(session.scalars(stmt.order_by(ContractChange.id)))
