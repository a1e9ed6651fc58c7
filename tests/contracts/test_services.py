"""Registering, editing (audited) and cancelling contracts, and who may do and see what."""

import pytest
from sqlalchemy import select

from matchhub.contracts import access
from matchhub.contracts.models import Contract
from matchhub.contracts.services import (
    cancel_contract,
    create_contract,
    find_visible,
    history,
    update_contract,
)
from matchhub.core.errors import NotFound, PermissionDenied, ValidationFailed
from matchhub.core.extensions import db
from tests.contracts.helpers import TODAY, contract_input
from tests.factories import OrganisationFactory, UserFactory


def admin():
    return UserFactory(role="platform_admin", organisation=None)


def zone_admin(zone="620100"):
    return UserFactory(role="zone_admin", organisation=None, zone_code=zone)


def test_create_derives_zones_and_provinces_and_records_creation():
    user = admin()
    contract = create_contract(db.session, user, contract_input(seller_region_code="620102",
                                                                buyer_region_code="110000"), TODAY)
    assert (contract.seller_zone, contract.seller_province) == ("620100", "620000")
    assert (contract.buyer_zone, contract.buyer_province) == ("", "110000")
    assert [c.action for c in history(db.session, contract)] == ["create"]
    assert history(db.session, contract)[0].user_id == user.id


def test_duplicate_registration_number_is_refused():
    user = admin()
    create_contract(db.session, user, contract_input(1), TODAY)
    with pytest.raises(ValidationFailed) as caught:
        create_contract(db.session, user, contract_input(1, name="另一份"), TODAY)
    assert "registration_number" in caught.value.fields
    assert len(db.session.scalars(select(Contract)).all()) == 1


def test_update_records_who_changed_what_from_what_to_what():
    user = admin()
    contract = create_contract(db.session, user, contract_input(), TODAY)
    changes = update_contract(db.session, user, contract,
                              {"volume": "2000000", "buyer_region_code": "620500"}, TODAY,
                              reason="按合同文本更正")
    assert {(c.field, c.old_value, c.new_value) for c in changes} == {
        ("volume", "1250000.50", "2000000.00"), ("buyer_region_code", "621100", "620500")}
    assert all((c.user_id, c.action, c.note) == (user.id, "correct", "按合同文本更正")
               for c in changes)
    assert contract.buyer_zone == "620500"


def test_update_validates_the_whole_result_and_changes_nothing_when_bad():
    user = admin()
    contract = create_contract(db.session, user, contract_input(), TODAY)
    with pytest.raises(ValidationFailed) as caught:
        update_contract(db.session, user, contract, {"volume": "10"}, TODAY, reason="更正")
    assert "tech_income" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        update_contract(db.session, user, contract, {"volume": "2000000"}, TODAY)
    assert "reason" in caught.value.fields  # a correction needs its reason
    with pytest.raises(ValidationFailed):
        update_contract(db.session, user, contract, {"seller_zone": "620200"}, TODAY,
                        reason="更正")
    assert str(contract.volume) == "1250000.50"


def test_cancel_needs_a_reason_and_stops_further_edits():
    user = admin()
    contract = create_contract(db.session, user, contract_input(), TODAY)
    with pytest.raises(ValidationFailed):
        cancel_contract(db.session, user, contract, " ")
    cancel_contract(db.session, user, contract, "重复登记")
    assert contract.status == "cancelled"
    with pytest.raises(PermissionDenied):
        update_contract(db.session, user, contract, {"name": "改名"}, TODAY)


@pytest.mark.parametrize("role", ["publisher", "enterprise"])
def test_members_of_unverified_organisations_cannot_register(role):
    member = UserFactory(role=role, organisation=OrganisationFactory(verified=False))
    with pytest.raises(PermissionDenied):
        create_contract(db.session, member, contract_input(), TODAY)


@pytest.mark.parametrize("role", ["publisher", "enterprise"])
def test_members_of_verified_organisations_submit_pending(role):
    contract = create_contract(db.session, UserFactory(role=role), contract_input(), TODAY)
    assert contract.status == "pending"


def test_zone_admin_registers_only_contracts_touching_the_zone():
    create_contract(db.session, zone_admin("621100"), contract_input(1), TODAY)  # buyer's zone
    with pytest.raises(PermissionDenied):
        create_contract(db.session, zone_admin("620500"), contract_input(2), TODAY)


def test_contract_details_are_private_to_parties_brokers_and_their_zones():
    seller_org = OrganisationFactory()
    broker = UserFactory(role="broker")
    contract = create_contract(db.session, admin(),
                               contract_input(seller_org_id=seller_org.id, broker_id=broker.id),
                               TODAY)
    allowed = [broker, zone_admin("620100"), zone_admin("621100"),
               UserFactory(role="org_admin", organisation=seller_org)]
    denied = [UserFactory(role="broker"), zone_admin("620500"), UserFactory(role="org_admin"),
              UserFactory(role="publisher", organisation=seller_org), None]
    for user in allowed:
        assert find_visible(db.session, user, contract.id) is contract
    for user in denied:
        with pytest.raises(NotFound):
            find_visible(db.session, user, contract.id)


def test_only_the_submitter_or_the_seller_zones_officer_may_change_a_submission():
    from tests.contracts.people import officer
    from tests.factories import BrokerFactory

    registrant = BrokerFactory()
    contract = create_contract(db.session, registrant, contract_input(), TODAY)
    assert access.can_change(registrant, contract)
    assert access.can_change(officer("620100"), contract)
    assert not access.can_change(zone_admin("620100"), contract)  # not an officer
    assert not access.can_change(officer("621100"), contract)  # buyer's zone only
    with pytest.raises(PermissionDenied):
        update_contract(db.session, UserFactory(role="broker"), contract, {"name": "x"}, TODAY)
    with pytest.raises(PermissionDenied):
        cancel_contract(db.session, zone_admin("621100"), contract, "无效")


def test_only_those_working_a_case_may_link_a_contract_to_it():
    from tests.cases.helpers import open_case
    from tests.contracts.people import officer
    from tests.factories import BrokerFactory

    on_case = BrokerFactory()
    case = open_case(on_case)
    with pytest.raises(ValidationFailed) as caught:
        create_contract(db.session, BrokerFactory(), contract_input(1, match_case_id=case.id),
                        TODAY)
    assert "match_case_id" in caught.value.fields
    contract = create_contract(db.session, on_case, contract_input(2, match_case_id=case.id),
                               TODAY)
    other = create_contract(db.session, admin(), contract_input(3), TODAY)
    with pytest.raises(ValidationFailed):
        update_contract(db.session, officer("620100"), other, {"match_case_id": case.id},
                        TODAY, reason="关联对接单")
    assert contract.match_case_id == case.id
