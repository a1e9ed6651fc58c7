"""Who may submit, see, confirm, correct and cancel technology contracts.

Contracts are registered where the SELLER is (认定登记 by the seller's 登记机构). Registry
officers of the seller's zone (``contracts.officers``) and platform administrators
confirm (认定登记) or return submitted contracts, correct confirmed ones and cancel them,
always with a reason. Only confirmed contracts (status ``active``) count in any figure.

Brokers with a verified credential, members of verified organisations and administrators
submit contracts with the signed contract file as evidence: such a contract is pending
(待认定) and counts nowhere until an officer confirms it. Whoever acts for the seller's
zone registers directly (their registration is the 认定登记).

Contract details are private: besides platform administrators, only the submitter, the
broker on it, the administrators of its seller's or buyer's organisation, the
administrators of its seller's or buyer's zone and the officers of its seller's zone see
it. Zone indicators are aggregates and are shown to every signed-in user.
"""

from matchhub.accounts.models import User
from matchhub.accounts.standing import in_verified_org, is_official, verified_broker
from matchhub.contracts import officers
from matchhub.contracts.models import Contract
from matchhub.core.current_user import signed_in
from matchhub.core.extensions import db

REGISTRANT_ROLES = frozenset({"platform_admin", "zone_admin", "broker", "org_admin",
                              "publisher", "enterprise"})
SUBMITTED = frozenset({"pending", "returned"})  # not yet confirmed: the submitter may fix it


def officer_zones(user: User | None) -> frozenset[str]:
    """The zones whose contracts ``user`` registers as an officer."""
    return officers.zones_of(db.session, user)


def is_officer(user: User | None) -> bool:
    """An officer of some zone, or a platform administrator."""
    if not signed_in(user):
        return False
    return user.role == "platform_admin" or bool(officer_zones(user))


def acts_for_seller(user: User | None, contract: Contract) -> bool:
    """Whether ``user`` registers for the seller's zone (None: the command line)."""
    if user is None:
        return True
    if not signed_in(user):
        return False
    return user.role == "platform_admin" or contract.seller_zone in officer_zones(user)


def can_register(user: User | None) -> bool:
    """Submit contracts (and use the registry's pages)."""
    if not signed_in(user):
        return False
    if user.role == "broker":
        return verified_broker(user)
    if user.role in REGISTRANT_ROLES and (is_official(user) or in_verified_org(user)):
        return True
    return bool(officer_zones(user))


def status_after(user: User | None, contract: Contract) -> str:
    """The status of a new contract: registered by the seller's officer, or submitted."""
    return "active" if acts_for_seller(user, contract) else "pending"


def can_confirm(user: User | None, contract: Contract) -> bool:
    """认定登记 or return a pending contract."""
    return signed_in(user) and contract.status == "pending" and acts_for_seller(user, contract)


def can_register_elsewhere(user: User | None) -> bool:
    """Contracts registered in another province (外省登记: the seller is outside the
    province) come in by the province (platform administrators) or the command line."""
    return user is None or (signed_in(user) and user.role == "platform_admin")


def can_import(user: User | None) -> bool:
    """Importing registers counted contracts: for officers and platform administrators."""
    return is_officer(user)


def _is_party_admin(user: User, contract: Contract) -> bool:
    return user.role == "org_admin" and user.org_id is not None and user.org_id in (
        contract.seller_org_id, contract.buyer_org_id)


def can_view(user: User | None, contract: Contract) -> bool:
    if not signed_in(user):
        return False
    if user.role == "platform_admin" or user.id in (contract.created_by_id, contract.broker_id):
        return True
    if user.role == "zone_admin" and user.zone_code and user.zone_code in (
            contract.seller_zone, contract.buyer_zone):
        return True
    return _is_party_admin(user, contract) or contract.seller_zone in officer_zones(user)


def can_edit_submission(user: User | None, contract: Contract) -> bool:
    """Fix a contract not yet confirmed: its submitter, or whoever acts for the seller."""
    if not signed_in(user) or contract.status not in SUBMITTED:
        return False
    return user.id == contract.created_by_id or acts_for_seller(user, contract)


def can_correct(user: User | None, contract: Contract) -> bool:
    """Correct (更正) a confirmed contract: officers of the seller's zone only."""
    return signed_in(user) and contract.status == "active" and acts_for_seller(user, contract)


def can_change(user: User | None, contract: Contract) -> bool:
    """Open the edit form: a submission to fix, or a confirmed contract to correct."""
    return can_edit_submission(user, contract) or can_correct(user, contract)


def can_cancel(user: User | None, contract: Contract) -> bool:
    """Cancel (撤销): a confirmed contract by the seller zone's officers; a submission also
    by its submitter (withdrawn)."""
    return can_change(user, contract)
