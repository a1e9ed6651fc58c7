"""Each role lands on its workbench after signing in and sees what waits for it; the
navigation counts the pending work and groups the administration pages in one menu."""

import datetime as dt
import re

from matchhub.core.clock import today
from matchhub.core.db_types import utcnow
from matchhub.core.extensions import db
from tests.factories import (
    AchievementFactory,
    BrokerFactory,
    CaseBrokerFactory,
    ContractFactory,
    DetailAccessFactory,
    EnterpriseUserFactory,
    MatchCaseFactory,
    NeedFactory,
    OrganisationFactory,
    RegistryOfficerFactory,
    UserFactory,
)
from tests.web.helpers import login, text


def tile(page: str, label: str) -> int:
    """The count shown on the workbench tile with this label."""
    found = re.search(rf'<strong class="tile-count">(\d+)</strong><span>{re.escape(label)}',
                      page)
    assert found, f"no tile {label!r}"
    return int(found.group(1))


def nav_count(page: str) -> int:
    found = re.search(r'aria-label="(\d+) 项待办"', page)
    return int(found.group(1)) if found else 0


def test_signing_in_lands_on_the_workbench(client):
    user = UserFactory()
    db.session.commit()
    assert client.get("/workbench").status_code == 302  # signed out: to the sign-in page
    assert login(client, user).headers["Location"] == "/workbench"


def test_owner_sees_listings_by_status_and_requests_to_answer(client):
    item = AchievementFactory()
    AchievementFactory(created_by=item.created_by, owner_org=item.owner_org, status="draft")
    DetailAccessFactory(achievement=item, user=EnterpriseUserFactory(), status="requested")
    db.session.commit()
    login(client, item.created_by)
    page = text(client.get("/workbench"))
    assert tile(page, "个详细信息申请待答复") == 1
    assert "我的成果与需求" in page and "?status=draft&amp;type=achievement" in page
    assert "审核" not in tile_labels(page)
    assert nav_count(page) == 1


def tile_labels(page: str) -> str:
    return " ".join(re.findall(r'<strong class="tile-count">\d+</strong><span>([^<]+)', page))


def test_zone_admin_sees_the_review_queue_of_the_zone_only(client):
    # A zone administrator appointed registry officer: the contracts to confirm too.
    reviewer = RegistryOfficerFactory(user__zone_code="620100").user
    AchievementFactory(status="submitted", region_code="620100")
    NeedFactory(status="submitted", region_code="620100")
    AchievementFactory(status="submitted", region_code="620400")
    ContractFactory(status="pending", seller_region_code="620102")
    ContractFactory(status="pending", seller_region_code="620402")
    ContractFactory(seller_region_code="620102")
    db.session.commit()
    login(client, reviewer)
    page = text(client.get("/workbench"))
    assert tile(page, "条发布待审核") == 2 and tile(page, "份技术合同待认定") == 1
    assert nav_count(page) == 3
    assert "管理</summary>" in page and "我的</a>" not in page


def test_a_zone_admin_who_is_no_officer_has_no_contracts_to_confirm(client):
    ContractFactory(status="pending", seller_region_code="620102")
    reviewer = UserFactory(zone_admin=True, zone_code="620100")
    db.session.commit()
    login(client, reviewer)
    assert "份技术合同待认定" not in text(client.get("/workbench")) or tile(
        text(client.get("/workbench")), "份技术合同待认定") == 0


def test_broker_sees_own_cases_with_due_dates_and_new_needs_everywhere(client):
    broker = BrokerFactory()
    case = MatchCaseFactory(due_on=today() - dt.timedelta(days=1), next_action="回访企业")
    CaseBrokerFactory(case_id=case.id, broker=broker)
    MatchCaseFactory(next_action="别人的对接单")
    NeedFactory(region_code="650100", published_at=utcnow())  # another province's zone
    db.session.commit()
    login(client, broker)
    page = text(client.get("/workbench"))
    assert tile(page, "件对接单已到期或今天到期") == 1
    assert "回访企业" in page and "（已逾期）" in page and "别人的对接单" not in page
    # The case needs carry no publication time; the new one elsewhere is counted.
    assert tile(page, "项近 7 天新发布的需求（全部示范区与领域）") == 1


def test_platform_admin_sees_verifications_and_reaches_imports(client):
    admin = UserFactory(platform_admin=True)
    OrganisationFactory(verified=False, verification_status="pending")
    db.session.commit()
    login(client, admin)
    page = text(client.get("/workbench"))
    assert tile(page, "项认证待审核") == 1
    assert 'href="/imports/"' in page
    imports = client.get("/imports/")
    assert imports.status_code == 200 and "导入技术合同" in text(imports)
    assert client.post("/imports/", data={}).status_code == 403


def test_my_page_filters_and_shows_only_the_sections_of_the_role(client):
    user = EnterpriseUserFactory()
    NeedFactory(created_by=user, owner_org=user.organisation, status="draft", title="草稿需求甲")
    NeedFactory(created_by=user, owner_org=user.organisation, title="已发布需求乙")
    db.session.commit()
    login(client, user)
    page = text(client.get("/my?status=draft"))
    assert "草稿需求甲" in page and "已发布需求乙" not in page
    assert 'id="my-achievements"' not in page and 'id="my-needs"' in page
    response = client.get("/my?status=nope")
    assert response.status_code == 400 and "status" in text(response)


def test_broker_recommendations_filter_is_checked(client):
    broker = BrokerFactory()
    db.session.commit()
    login(client, broker)
    assert client.get("/matches?scope=mine").status_code == 200
    assert client.get("/matches?scope=elsewhere").status_code == 400


def test_enterprise_sees_its_needs_with_their_matches_not_detail_requests(client):
    user = EnterpriseUserFactory()
    need = NeedFactory(created_by=user, owner_org=user.organisation, title="耐候涂层需求丙")
    db.session.commit()
    login(client, user)
    page = text(client.get("/workbench"))
    assert f'href="/needs/{need.id}#matches"' in page and "耐候涂层需求丙" in page
    assert "个详细信息申请待答复" not in page
