"""Who may register, see, edit and cancel technology contracts.

Contract details are private: besides platform administrators, only the person who
registered a contract, the broker on it, the administrators of its seller's or buyer's
organisation, and the administrators of the zone it belongs to (seller's or buyer's)
may see it. Editing and cancelling are for platform administrators, the seller zone's
administrators (contracts are registered where the seller is) and the registrant.
Zone indicators are aggregates and are shown to every signed-in user.

Only members of verified organisations (brokers: with a verified credential) and
administrators register contracts. A contract counts in official figures only when a
platform administrator or an administrator of the SELLER's zone registered, edited or
recognised (认定) it; any other stays pending (待认定) and out of every figure.
"""

from matchhub.accounts.models import User
from matchhub.accounts.standing import in_verified_org, is_official, verified_broker
from matchhub.contracts.models import Contract
from matchhub.core.current_user import signed_in

REGISTRANT_ROLES = frozenset({"platform_admin", "zone_admin", "broker", "org_admin"})
LIVE = frozenset({"active", "pending"})  # not cancelled: may still be edited or cancelled


def can_register(user: User | None) -> bool:
    if not signed_in(user) or user.role not in REGISTRANT_ROLES:
        return False
    if user.role == "broker":
        return verified_broker(user)
    return is_official(user) or in_verified_org(user)


def recognises(user: User | None, contract: Contract) -> bool:
    """Whether ``user``'s registration or edit makes ``contract`` count (None: the system)."""
    if user is None:
        return True
    if user.role == "platform_admin":
        return True
    return user.role == "zone_admin" and bool(user.zone_code) and (
        user.zone_code == contract.seller_zone)


def status_after(user: User | None, contract: Contract) -> str:
    """The status a contract gets when ``user`` registers or edits it."""
    return "active" if recognises(user, contract) else "pending"


def can_recognise(user: User | None, contract: Contract) -> bool:
    return signed_in(user) and contract.status == "pending" and recognises(user, contract)


def can_register_elsewhere(user: User | None) -> bool:
    """Contracts registered in another province (外省登记: the seller is outside the
    province) come in by the province (platform administrators) or the command line."""
    return user is None or (signed_in(user) and user.role == "platform_admin")


def can_import(user: User | None) -> bool:
    return signed_in(user) and user.role in {"platform_admin", "zone_admin"}


def _is_party_admin(user: User, contract: Contract) -> bool:
    return user.role == "org_admin" and user.org_id is not None and user.org_id in (
        contract.seller_org_id, contract.buyer_org_id)


def can_view(user: User | None, contract: Contract) -> bool:
    if not signed_in(user):
        return False
    if user.role == "platform_admin" or user.id in (contract.created_by_id, contract.broker_id):
        return True
    if user.role == "zone_admin" and user.zone_code:
        return user.zone_code in (contract.seller_zone, contract.buyer_zone)
    return _is_party_admin(user, contract)


def can_change(user: User | None, contract: Contract) -> bool:
    """Edit or cancel (only while the contract is active)."""
    if not signed_in(user) or contract.status not in LIVE:
        return False
    if user.role == "platform_admin" or user.id == contract.created_by_id:
        return True
    return user.role == "zone_admin" and bool(user.zone_code) and (
        user.zone_code == contract.seller_zone)
