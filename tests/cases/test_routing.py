"""Routing needs: automatically by field, zone and open workload; by hand by an
institution administrator for their own brokers only."""


import pytest

from matchhub.cases import routing
from matchhub.core import clock
from matchhub.core.errors import Conflict, PermissionDenied, ValidationFailed
from matchhub.core.extensions import db
from tests.cases.helpers import open_case
from tests.factories import BrokerFactory, OrganisationFactory, UserFactory
from tests.matching.helpers import need
from tests.web.helpers import login, text

TODAY = clock.today()


def test_auto_routing_prefers_field_then_zone_then_lightest_workload(db_session):
    org = OrganisationFactory(kind="transfer_institution")
    boss = UserFactory(role="org_admin", organisation=org)
    busy_local = BrokerFactory(organisation=org, display_name="忙碌的本地经纪人")
    idle_local = BrokerFactory(organisation=org, display_name="空闲的本地经纪人")
    BrokerFactory(organisation=org, display_name="外地经纪人",
                  profile__zone_code="620400")  # idle, but another zone
    BrokerFactory(organisation=org, profile__fields=["agriculture"])  # another field
    open_case(busy_local)
    wanted = need(region_code="620100", title="另一项需求")
    case = routing.auto_route(db.session, boss, wanted.id, TODAY)
    assert case.brokers == [idle_local] and case.broker_links[0].how == "auto"
    assert case.achievements == [] and case.status == "recommended"
    db.session.flush()
    db.session.expire(case, ["events"])
    assert "空闲的本地经纪人" in case.events[0].note
    with pytest.raises(Conflict):  # it has an open case now
        routing.auto_route(db.session, boss, wanted.id, TODAY)


def test_auto_routing_falls_back_to_other_zones_and_fails_clearly(db_session):
    org = OrganisationFactory(kind="transfer_institution")
    far = BrokerFactory(organisation=org, profile__zone_code="620400")
    wanted = need(region_code="620100")
    assert routing.route_need(db.session, None, wanted).brokers == [far]
    unmatched = need(field="agriculture")
    with pytest.raises(Conflict) as none_found:
        routing.route_need(db.session, None, unmatched)
    assert "need_id" in none_found.value.fields


def test_institution_admin_assigns_own_brokers_only(db_session):
    org, other_org = OrganisationFactory.create_batch(2, kind="transfer_institution")
    boss = UserFactory(role="org_admin", organisation=org)
    mine, theirs = BrokerFactory(organisation=org), BrokerFactory(organisation=other_org)
    wanted = need()
    with pytest.raises(PermissionDenied):
        routing.assign_by_hand(db.session, boss, wanted.id, theirs.id, TODAY)
    case = routing.assign_by_hand(db.session, boss, wanted.id, mine.id, TODAY)
    assert case.brokers == [mine] and case.broker_links[0].assigned_by_id == boss.id
    second = BrokerFactory(organisation=org)
    again = routing.assign_by_hand(db.session, boss, wanted.id, second.id, TODAY)
    assert again.id == case.id and again.brokers == [mine, second]  # one more broker
    with pytest.raises(ValidationFailed):
        routing.assign_by_hand(db.session, boss, wanted.id, second.id, TODAY)
    with pytest.raises(ValidationFailed) as not_broker:
        routing.assign_by_hand(db.session, boss, wanted.id, boss.id, TODAY)
    assert "broker_id" in not_broker.value.fields


def test_only_institution_and_platform_admins_route(db_session):
    org = OrganisationFactory(kind="transfer_institution")
    mine = BrokerFactory(organisation=org)
    wanted = need()
    enterprise_admin = UserFactory(role="org_admin",
                                   organisation=OrganisationFactory(kind="enterprise"))
    for user in (mine, enterprise_admin, UserFactory(role="zone_admin", organisation=None)):
        with pytest.raises(PermissionDenied):
            routing.auto_route(db.session, user, wanted.id, TODAY)
        with pytest.raises(PermissionDenied):
            routing.assign_by_hand(db.session, user, wanted.id, mine.id, TODAY)
    admin = UserFactory(platform_admin=True)
    assert routing.assign_by_hand(db.session, admin, wanted.id, mine.id, TODAY).brokers == [mine]


def test_routing_page(client, db_session):
    org = OrganisationFactory(kind="transfer_institution")
    boss = UserFactory(role="org_admin", organisation=org)
    mine = BrokerFactory(organisation=org, display_name="本机构经纪人")
    BrokerFactory(display_name="别家经纪人")
    wanted = need()
    db.session.commit()
    login(client, mine)
    assert client.get("/cases/routing").status_code == 403
    assert client.post("/cases/routing/auto", data={"need_id": wanted.id}).status_code == 403
    client.post("/logout")
    login(client, boss)
    page = text(client.get("/cases/routing"))
    assert wanted.title in page and "本机构经纪人" in page and "别家经纪人" not in page
    bad = client.post("/cases/routing/assign", data={"need_id": wanted.id, "broker_id": "x"})
    assert bad.status_code == 422 and "broker_id" in text(bad)
    done = client.post("/cases/routing/assign", data={"need_id": wanted.id, "broker_id": mine.id})
    assert done.status_code == 302
    assert wanted.title not in text(client.get("/cases/routing"))  # routed


def test_route_command_assigns_new_needs(runner, db_session):
    mine = BrokerFactory()
    routable, orphan = need(), need(field="agriculture")
    db.session.commit()
    result = runner.invoke(args=["cases", "route"])
    assert result.exit_code == 0, result.output
    assert "已自动分派 1 项需求；1 项没有擅长该领域的技术经纪人" in result.output
    assert routing.open_case_for(db.session, routable).brokers == [mine]
    assert routing.open_case_for(db.session, orphan) is None
    again = runner.invoke(args=["cases", "route"])
    assert "已自动分派 0 项需求" in again.output
