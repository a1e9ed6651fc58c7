"""Contract validation: each bad field named, codes and Chinese labels both accepted."""

import datetime as dt
from decimal import Decimal

import pytest

from matchhub.contracts.inputs import clean_contract
from matchhub.core.errors import ValidationFailed
from tests.contracts.helpers import TODAY, contract_input


def errors_of(**changes) -> dict:
    with pytest.raises(ValidationFailed) as caught:
        clean_contract(contract_input(**changes), TODAY)
    return caught.value.fields


def test_clean_accepts_codes_and_labels_and_keeps_money_exact():
    cleaned = clean_contract(contract_input(contract_type="技术转让", contract_subtype="专利权转让",
                                            seller_party_type="高等院校", tech_field="农业",
                                            volume="12,345,678.91", tech_income=Decimal("10")),
                             TODAY)
    assert cleaned["contract_type"] == "transfer"
    assert cleaned["contract_subtype"] == "patent"
    assert cleaned["seller_party_type"] == "university"
    assert cleaned["volume"] == Decimal("12345678.91")
    assert cleaned["tech_income"] == Decimal("10.00")


def test_tech_income_may_not_exceed_volume():
    assert "tech_income" in errors_of(volume="100", tech_income="100.01")


def test_subtype_must_belong_to_the_type():
    assert "contract_subtype" in errors_of(contract_type="development", contract_subtype="专利权")
    assert "contract_subtype" in errors_of(contract_type="consulting", contract_subtype="委托开发")
    assert "contract_subtype" in errors_of(contract_type="development", contract_subtype="")


def test_service_subtype_is_optional_and_consulting_has_none():
    assert clean_contract(contract_input(contract_type="技术服务", contract_subtype=""),
                          TODAY)["contract_subtype"] == ""
    cleaned = clean_contract(contract_input(contract_type="技术服务", contract_subtype="技术中介"),
                             TODAY)
    assert cleaned["contract_subtype"] == "intermediary"
    assert clean_contract(contract_input(contract_type="技术咨询", contract_subtype=None),
                          TODAY)["contract_type"] == "consulting"


@pytest.mark.parametrize("field,value", [
    ("registration_number", ""), ("registration_number", "编号 1"), ("name", ""),
    ("contract_type", "技术合作"), ("signed_on", "2016-13-01"), ("registered_on", None),
    ("volume", "-1"), ("volume", "abc"), ("volume", 1.5), ("tech_income", "0.001"),
    ("seller_party_type", "公司"), ("seller_region_code", "999999"),
    ("buyer_region_code", "62010"), ("tech_field", "量子"), ("ip_type", "商标"),
    ("broker_id", "x"),
])
def test_each_bad_field_is_named(field, value):
    assert field in errors_of(**{field: value})


def test_registration_not_before_signing_nor_in_the_future():
    assert "registered_on" in errors_of(signed_on=dt.date(2016, 5, 1),
                                        registered_on=dt.date(2016, 4, 30))
    assert "registered_on" in errors_of(registered_on=TODAY + dt.timedelta(days=1))


def test_county_codes_are_valid_regions():
    cleaned = clean_contract(contract_input(seller_region_code="620102"), TODAY)
    assert cleaned["seller_region_code"] == "620102"
