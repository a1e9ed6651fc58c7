"""Contracts over several years and the users of the zone programme tests."""

import datetime as dt

from matchhub.contracts.services import create_contract
from matchhub.core.extensions import db
from tests.contracts.helpers import TODAY, contract_input
from tests.factories import UserFactory

LANZHOU, DINGXI = "620100", "621100"


def platform_admin():
    return UserFactory(role="platform_admin", organisation=None)


def zone_admin(code: str = LANZHOU):
    return UserFactory(role="zone_admin", organisation=None, zone_code=code)


def add_contract(admin, n: int, registered_on: dt.date, volume: str, **changes):
    data = contract_input(n, signed_on=registered_on, registered_on=registered_on,
                          volume=volume, tech_income=volume, **changes)
    return create_contract(db.session, admin, data, TODAY)


def load_years(admin) -> None:
    """兰州 sells 150 万元 in 2015 (Q2) and 3.5 亿元 in 2016 (Q1, Q4); 定西 20 万元 in 2016."""
    add_contract(admin, 1, dt.date(2015, 5, 1), "1500000")
    add_contract(admin, 2, dt.date(2016, 2, 1), "300000000", contract_type="transfer",
                 contract_subtype="patent")
    add_contract(admin, 3, dt.date(2016, 11, 30), "50000000.01", tech_field="new_energy")
    add_contract(admin, 4, dt.date(2016, 7, 1), "200000", seller_region_code=DINGXI,
                 buyer_region_code=LANZHOU, seller_party_type="enterprise_llc")
