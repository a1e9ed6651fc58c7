import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from matchhub.catalog import detail_access, services
from matchhub.catalog.models import Achievement, IPRecord, Transition
from matchhub.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from tests.factories import AchievementFactory, OrganisationFactory, UserFactory

TODAY = dt.date(2026, 11, 28)


def valid_achievement(**overrides):
    data = {
        "title": "高寒地区马铃薯脱毒种薯快繁技术",
        "summary": "利用茎尖脱毒与雾培快繁，提高种薯产量。",
        "keywords": "马铃薯，脱毒种薯, 雾培",
        "field": "agriculture",
        "trl": 7,
        "modes": ["transfer", "许可"],
        "asking_price": "12.5万元",
        "valid_until": "2027-06-30",
        "ip_records": [{"ip_type": "发明专利", "number": "201710601862.3"}],
    }
    return {**data, **overrides}


@pytest.fixture
def publisher(db_session):
    return UserFactory(role="publisher", organisation=OrganisationFactory(region_code="621100"))



def test_create_cleans_and_stores_typed_values(db_session, publisher):
    item = services.create_listing(db_session, publisher, "achievement", valid_achievement(),
                                   TODAY, 365)
    db_session.commit()
    assert item.status == "draft"
    assert item.keywords == ["马铃薯", "脱毒种薯", "雾培"]
    assert item.modes == ["license", "transfer"]
    assert item.asking_price == Decimal("125000.00")
    assert item.valid_until == dt.date(2027, 6, 30)
    assert item.region_code == "621100"  # defaults to the organisation's region
    assert [r.number for r in item.ip_records] == ["ZL201710601862.3"]


def test_create_reports_every_bad_field_and_writes_nothing(db_session, publisher):
    bad = valid_achievement(title="", field="magic", trl=12, modes=[], asking_price="-5",
                            valid_until="2020-01-01",
                            ip_records=[{"ip_type": "发明专利", "number": "ZL201710601862.4"}])
    with pytest.raises(ValidationFailed) as caught:
        services.create_listing(db_session, publisher, "achievement", bad, TODAY, 365)
    assert set(caught.value.fields) == {"title", "field", "trl", "modes", "asking_price",
                                        "valid_until", "ip_records[0].number"}
    db_session.rollback()
    assert db_session.scalar(select(func.count(Achievement.id))) == 0
    assert db_session.scalar(select(func.count(IPRecord.id))) == 0


def test_price_or_negotiable_required(db_session, publisher):
    with pytest.raises(ValidationFailed) as caught:
        services.create_listing(db_session, publisher, "achievement",
                                valid_achievement(asking_price=""), TODAY, 365)
    assert "asking_price" in caught.value.fields
    item = services.create_listing(db_session, publisher, "achievement",
                                   valid_achievement(asking_price="", price_negotiable="是"),
                                   TODAY, 365)
    assert item.asking_price is None and item.price_negotiable


def test_need_budget_range_checked(db_session):
    buyer = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    data = {"title": "尾矿综合利用", "description": "铜尾矿制备建材", "field": "environment",
            "modes": ["co_development"], "budget_min": "500000", "budget_max": "100000",
            "deadline": "2027-03-01", "region_code": "620400"}
    with pytest.raises(ValidationFailed) as caught:
        services.create_listing(db_session, buyer, "need", data, TODAY, 365)
    assert list(caught.value.fields) == ["budget_max"]


def test_enterprise_cannot_publish_achievement(db_session):
    buyer = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    with pytest.raises(PermissionDenied):
        services.create_listing(db_session, buyer, "achievement", valid_achievement(), TODAY, 365)


def test_workflow_records_every_step(db_session, publisher):
    admin = UserFactory(role="platform_admin", organisation=None)
    item = services.create_listing(db_session, publisher, "achievement", valid_achievement(),
                                   TODAY, 365)
    services.transition(db_session, publisher, item, "submit", TODAY)
    services.transition(db_session, admin, item, "reject", TODAY, reason="简介过短")
    services.transition(db_session, publisher, item, "submit", TODAY)
    services.transition(db_session, admin, item, "approve", TODAY)
    steps = [(t.action, t.from_status, t.to_status, t.actor_id, t.reason)
             for t in services.history(db_session, item)]
    assert steps == [
        ("submit", "draft", "submitted", publisher.id, ""),
        ("reject", "submitted", "rejected", admin.id, "简介过短"),
        ("submit", "rejected", "submitted", publisher.id, ""),
        ("approve", "submitted", "published", admin.id, ""),
    ]
    assert item.status == "published" and item.published_at is not None


def test_illegal_jump_refused_with_clear_message(db_session, publisher):
    admin = UserFactory(role="platform_admin", organisation=None)
    item = AchievementFactory(created_by=publisher, status="draft")
    with pytest.raises(InvalidTransition, match="草稿.*审核通过"):
        services.transition(db_session, admin, item, "approve", TODAY)
    assert item.status == "draft"
    assert db_session.scalar(select(func.count(Transition.id))) == 0


def test_reject_requires_reason(db_session, publisher):
    admin = UserFactory(role="platform_admin", organisation=None)
    item = AchievementFactory(created_by=publisher, status="submitted")
    with pytest.raises(ValidationFailed) as caught:
        services.transition(db_session, admin, item, "reject", TODAY, reason="  ")
    assert list(caught.value.fields) == ["reason"]


def test_owner_cannot_approve_own_item(db_session, publisher):
    item = AchievementFactory(created_by=publisher, status="submitted")
    with pytest.raises(PermissionDenied):
        services.transition(db_session, publisher, item, "approve", TODAY)


def test_expiry_and_renewal(db_session, publisher):
    item = AchievementFactory(created_by=publisher, status="published",
                              valid_until=TODAY - dt.timedelta(days=1))
    fresh = AchievementFactory(created_by=publisher, status="published",
                               valid_until=TODAY + dt.timedelta(days=1))
    assert services.expire_due(db_session, TODAY) == 1
    assert item.status == "expired" and fresh.status == "published"
    with pytest.raises(ValidationFailed):
        services.transition(db_session, publisher, item, "renew", TODAY, new_end=TODAY)
    services.transition(db_session, publisher, item, "renew", TODAY,
                        new_end=TODAY + dt.timedelta(days=90))
    assert item.status == "published" and item.valid_until == TODAY + dt.timedelta(days=90)


def test_edit_only_in_editable_states(db_session, publisher):
    item = AchievementFactory(created_by=publisher, status="published")
    with pytest.raises(PermissionDenied):
        services.update_listing(db_session, publisher, item, {"title": "新标题"}, TODAY, 365)
    draft = AchievementFactory(created_by=publisher, status="draft")
    services.update_listing(db_session, publisher, draft, {"title": "新标题"}, TODAY, 365)
    assert draft.title == "新标题"
    with pytest.raises(ValidationFailed) as caught:
        services.update_listing(db_session, publisher, draft, {"colour": "red"}, TODAY, 365)
    assert list(caught.value.fields) == ["colour"]


def test_confidential_detail_access_flow(db_session, publisher):
    item = AchievementFactory(created_by=publisher, status="published")
    buyer = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    assert not services.allowed(db_session, buyer, "view_detail", item)
    access = detail_access.request_access(db_session, buyer, item, "想了解工艺参数", TODAY)
    with pytest.raises(Conflict):
        detail_access.request_access(db_session, buyer, item, "", TODAY)
    with pytest.raises(PermissionDenied):
        detail_access.decide(db_session, buyer, item, access.id, "grant", TODAY)
    detail_access.decide(db_session, publisher, item, access.id, "grant", TODAY)
    assert services.allowed(db_session, buyer, "view_detail", item)
    detail_access.decide(db_session, publisher, item, access.id, "revoke", TODAY)
    assert not services.allowed(db_session, buyer, "view_detail", item)
