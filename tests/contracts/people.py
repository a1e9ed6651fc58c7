"""Users of each role the contract pages and API tests sign in as, and their contracts."""

from matchhub.contracts.services import create_contract
from matchhub.core.extensions import db
from tests.contracts.helpers import TODAY, contract_input
from tests.factories import BrokerFactory, OrganisationFactory, UserFactory


def platform_admin():
    return UserFactory(role="platform_admin", organisation=None)


def zone_admin(zone="620100"):
    return UserFactory(role="zone_admin", organisation=None, zone_code=zone)


def broker():
    """A verified broker (credential checked, organisation verified)."""
    return BrokerFactory()


def org_admin(org=None):
    return UserFactory(role="org_admin", organisation=org or OrganisationFactory())


def publisher():
    return UserFactory(role="publisher")


def register(user, n: int = 1, **changes):
    """A contract registered by ``user`` (committed)."""
    contract = create_contract(db.session, user, contract_input(n, **changes), TODAY)
    db.session.commit()
    return contract
