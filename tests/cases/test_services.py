"""Opening cases and moving them on: recorded steps, refused jumps, stale versions, who may."""


import pytest
from sqlalchemy import func, select

from matchhub.cases import access, services
from matchhub.cases.models import CaseEvent, MatchCase
from matchhub.core import clock
from matchhub.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from matchhub.core.extensions import db
from tests.cases.helpers import advance, open_case, pair
from tests.factories import BrokerFactory, OrganisationFactory, UserFactory
from tests.matching.helpers import need

TODAY = clock.today()


def events(case) -> list[tuple]:
    stmt = select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    return [(e.kind, e.from_status, e.to_status, e.actor_id, e.note)
            for e in db.session.scalars(stmt)]


def test_a_broker_opens_a_case_and_is_on_it(db_session):
    me = BrokerFactory()
    wanted, offer = pair()
    case = open_case(me, wanted, offer)
    assert (case.status, case.version, case.need_id) == ("recommended", 1, wanted.id)
    assert case.achievements == [offer] and case.brokers == [me]
    assert events(case) == [("open", "", "recommended", me.id, "开单说明")]


def test_each_step_records_who_when_and_note(db_session):
    me = BrokerFactory()
    case = advance(me, open_case(me), "signed")
    assert case.status == "signed" and case.signed_at is not None and case.version == 4
    assert [e[1:] for e in events(case)[1:]] == [
        ("recommended", "contacted", me.id, "到contacted"),
        ("contacted", "negotiating", me.id, "到negotiating"),
        ("negotiating", "signed", me.id, "到signed")]


@pytest.mark.parametrize("start,target", [
    ("recommended", "signed"), ("recommended", "negotiating"), ("contacted", "recommended"),
    ("signed", "contacted"), ("signed", "registered")])
def test_illegal_jumps_are_refused_and_nothing_is_written(db_session, start, target):
    me = BrokerFactory()
    case = open_case(me)
    if start != "recommended":
        advance(me, case, start)
    before = (case.status, case.version, len(events(case)))
    with pytest.raises(InvalidTransition) as refused:
        services.transition_case(db.session, me, case, target, version=case.version)
    db.session.rollback()
    assert refused.value.status == 409 and "to" in refused.value.fields
    assert (case.status, case.version, len(events(case))) == before


def test_closed_cases_do_not_move(db_session):
    me = BrokerFactory()
    case = open_case(me)
    services.transition_case(db.session, me, case, "terminated", version=1, reason="企业撤回需求")
    db.session.commit()
    assert case.close_reason == "企业撤回需求" and case.closed_at is not None
    for target in ("contacted", "terminated", "recommended"):
        with pytest.raises(InvalidTransition):
            services.transition_case(db.session, me, case, target, version=case.version,
                                     reason="再试")


def test_terminating_needs_a_reason(db_session):
    me = BrokerFactory()
    case = open_case(me)
    with pytest.raises(ValidationFailed) as refused:
        services.transition_case(db.session, me, case, "terminated", version=1, reason="  ")
    assert "reason" in refused.value.fields
    db.session.rollback()
    assert db.session.get(MatchCase, case.id).status == "recommended"


def test_unknown_state_and_missing_version_name_the_field(db_session):
    me = BrokerFactory()
    case = open_case(me)
    with pytest.raises(ValidationFailed) as bad_state:
        services.transition_case(db.session, me, case, "done", version=1)
    assert "to" in bad_state.value.fields
    for version in (None, "", "x", 0):
        with pytest.raises(ValidationFailed) as bad_version:
            services.transition_case(db.session, me, case, "contacted", version=version)
        assert "version" in bad_version.value.fields


def test_a_stale_version_is_a_conflict_and_writes_nothing(db_session):
    me = BrokerFactory()
    case = advance(me, open_case(me), "contacted")  # now version 2
    with pytest.raises(Conflict) as stale:
        services.transition_case(db.session, me, case, "negotiating", version=1)
    assert stale.value.status == 409 and "已被他人修改" in stale.value.message
    db.session.rollback()
    assert (case.status, case.version, len(events(case))) == ("contacted", 2, 2)


def test_signing_needs_an_achievement(db_session):
    me = BrokerFactory()
    wanted, _ = pair()
    case = open_case(me, wanted, None)
    advance(me, case, "negotiating")
    with pytest.raises(ValidationFailed) as refused:
        services.transition_case(db.session, me, case, "signed", version=case.version)
    assert "to" in refused.value.fields


def test_only_brokers_and_platform_admins_open_cases(db_session):
    wanted, offer = pair()
    for role in ("enterprise", "publisher", "org_admin", "zone_admin"):
        with pytest.raises(PermissionDenied):
            services.open_case(db.session, UserFactory(role=role), wanted.id, [offer.id], TODAY)
    admin = UserFactory(platform_admin=True)
    case = services.open_case(db.session, admin, wanted.id, [offer.id], TODAY)
    assert case.brokers == []


def test_opening_needs_published_listings_and_no_duplicate(db_session):
    me = BrokerFactory()
    wanted, offer = pair()
    draft = need(status="draft")
    with pytest.raises(ValidationFailed) as hidden:
        services.open_case(db.session, me, draft.id, [offer.id], TODAY)
    assert "need_id" in hidden.value.fields
    with pytest.raises(ValidationFailed) as missing:
        services.open_case(db.session, me, wanted.id, [999999], TODAY)
    assert "achievement_id" in missing.value.fields
    open_case(me, wanted, offer)
    with pytest.raises(Conflict):
        services.open_case(db.session, BrokerFactory(), wanted.id, [offer.id], TODAY)
    assert db.session.scalar(select(func.count()).select_from(MatchCase)) == 1


def test_who_sees_and_who_works_a_case(db_session):
    me = BrokerFactory()
    wanted, offer = pair()
    case = open_case(me, wanted, offer)
    buyer_member = UserFactory(role="enterprise", organisation=wanted.owner_org)
    seller_admin = UserFactory(role="org_admin", organisation=offer.owner_org)
    colleague = BrokerFactory(organisation=me.organisation)  # same institution, not on the case
    outsider = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    for viewer in (me, buyer_member, seller_admin, UserFactory(platform_admin=True)):
        assert services.find_visible(db.session, viewer, case.id) is case
    for stranger in (colleague, outsider, UserFactory(role="zone_admin", organisation=None),
                     None):
        with pytest.raises(NotFound):
            services.find_visible(db.session, stranger, case.id)
    assert access.can_work(me, case) and not access.can_work(buyer_member, case)
    with pytest.raises(PermissionDenied):
        services.transition_case(db.session, seller_admin, case, "contacted", version=1)


def test_the_list_shows_only_visible_cases(db_session):
    me, other = BrokerFactory(), BrokerFactory()
    mine, theirs = open_case(me), open_case(other)
    party = UserFactory(role="enterprise", organisation=theirs.need.owner_org)

    def ids(user, status=""):
        return [c.id for c in db.session.scalars(services.visible_query(user, status))]

    assert ids(me) == [mine.id] and ids(party) == [theirs.id]
    assert sorted(ids(UserFactory(platform_admin=True))) == sorted([mine.id, theirs.id])
    assert ids(me, "signed") == []
    with pytest.raises(ValidationFailed):
        ids(me, "bogus")
