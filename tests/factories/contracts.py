"""Registered technology contracts and their change records."""

import datetime as dt
from decimal import Decimal

import factory

from matchhub.contracts.models import Contract, ContractChange, RegistryOfficer
from matchhub.contracts.services import derived_columns
from tests.factories.accounts import UserFactory
from tests.factories.base import BaseFactory


def _derived(contract) -> dict[str, str]:
    return derived_columns(contract.seller_region_code, contract.buyer_region_code)


class ContractFactory(BaseFactory):
    """A development contract sold from 兰州 to 定西, with its derived zone columns."""

    class Meta:
        model = Contract

    registration_number = factory.Sequence(lambda n: f"2016620100{n:06d}")
    name = factory.Sequence(lambda n: f"马铃薯脱毒种薯繁育技术开发合同{n}")
    contract_type = "development"
    contract_subtype = "entrusted"
    signed_on = dt.date(2016, 3, 1)
    registered_on = dt.date(2016, 3, 15)
    volume = Decimal("1250000.50")
    tech_income = Decimal("1000000.00")
    seller_name = "兰州大学"
    seller_party_type = "university"
    seller_region_code = "620100"
    buyer_name = "定西马铃薯产业公司"
    buyer_party_type = "enterprise_llc"
    buyer_region_code = "621100"
    tech_field = "agriculture"
    ip_type = "patent"
    created_by = factory.SubFactory(UserFactory, platform_admin=True)

    seller_zone = factory.LazyAttribute(lambda o: _derived(o)["seller_zone"])
    seller_province = factory.LazyAttribute(lambda o: _derived(o)["seller_province"])
    buyer_zone = factory.LazyAttribute(lambda o: _derived(o)["buyer_zone"])
    buyer_province = factory.LazyAttribute(lambda o: _derived(o)["buyer_province"])


class ContractChangeFactory(BaseFactory):
    class Meta:
        model = ContractChange

    contract_id = factory.LazyFunction(lambda: ContractFactory().id)
    action = "create"
    user_id = factory.LazyFunction(lambda: UserFactory(platform_admin=True).id)


class RegistryOfficerFactory(BaseFactory):
    """A 兰州 registry officer (a zone administrator's account) in office."""

    class Meta:
        model = RegistryOfficer

    user = factory.SubFactory(UserFactory, zone_admin=True)
    zone_code = "620100"
    office_name = "兰州市技术市场管理办公室"
