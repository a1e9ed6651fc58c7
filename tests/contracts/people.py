"""Users of each role the contract pages and API tests sign in as, and their contracts."""

from matchhub.contracts.services import create_contract
from matchhub.core.extensions import db
from tests.contracts.helpers import PDF, TODAY, contract_input
from tests.factories import (
    BrokerFactory,
    OrganisationFactory,
    RegistryOfficerFactory,
    UserFactory,
)


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
    """A publisher of an organisation not yet verified: submits no contract."""
    return UserFactory(role="publisher", organisation=OrganisationFactory(verified=False))


def register(user, n: int = 1, **changes):
    """A contract registered by ``user`` (committed)."""
    contract = create_contract(db.session, user, contract_input(n, **changes), TODAY)
    db.session.commit()
    return contract


def officer(zone="620100"):
    """A registry officer (技术合同登记员) of ``zone``: a zone administrator appointed."""
    return RegistryOfficerFactory(zone_code=zone, user__zone_code=zone).user


def attach_file(contract, name: str = "合同.pdf"):
    """Give a submitted contract its signed contract file (committed)."""
    from flask import current_app

    from matchhub.contracts.evidence import Evidence, attach

    attach(db.session, contract, Evidence(name, PDF), current_app.config["DATA_DIR"])
    db.session.commit()
    return contract
