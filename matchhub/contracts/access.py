"""Who may register, see, edit and cancel technology contracts.

Contract details are private: besides platform administrators, only the person who
registered a contract, the broker on it, the administrators of its seller's or buyer's
organisation, and the administrators of the zone it belongs to (seller's or buyer's)
may see it. Editing and cancelling are for platform administrators, the seller zone's
administrators (contracts are registered where the seller is) and the registrant.
Zone indicators are aggregates and are shown to every signed-in user.
"""

from matchhub.accounts.models import User
from matchhub.contracts.models import Contract
from matchhub.core.current_user import signed_in

REGISTRANT_ROLES = frozenset({"platform_admin", "zone_admin", "broker", "org_admin"})


def can_register(user: User | None) -> bool:
    return signed_in(user) and user.role in REGISTRANT_ROLES


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
    if not signed_in(user) or contract.status != "active":
        return False
    if user.role == "platform_admin" or user.id == contract.created_by_id:
        return True
    return user.role == "zone_admin" and bool(user.zone_code) and (
        user.zone_code == contract.seller_zone)
