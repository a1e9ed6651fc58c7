"""Creating, editing and deleting achievements and needs through the web forms."""

import datetime as dt
import re
from decimal import Decimal

from sqlalchemy import func, select

from matchhub.catalog.models import Achievement, Need
from matchhub.core import clock
from matchhub.core.identifiers import patent_check_char
from tests.factories import AchievementFactory, NeedFactory, UserFactory
from tests.web.helpers import field_error, login, text

PATENT_DIGITS = "201510123456"
PATENT = f"ZL{PATENT_DIGITS}.{patent_check_char(PATENT_DIGITS)}"


def achievement_form(**overrides) -> dict:
    data = {
        "title": "一种低成本钠离子电池负极材料", "summary": "以生物质为原料制备硬碳负极。",
        "keywords": "钠离子电池，硬碳, 负极", "field": "new_energy", "discipline": "材料学",
        "trl": "5", "modes": ["license", "transfer"], "asking_price": "35万",
        "valid_until": "", "region_code": "620100", "contact_name": "李老师",
        "confidential_detail": "碳化温度 1300 ℃",
        "ip_records-0-ip_type": "", "ip_records-0-number": "", "ip_records-0-title": "",
        "ip_records-1-ip_type": "invention_patent", "ip_records-1-number": PATENT,
        "ip_records-1-title": "硬碳负极制备方法",
        "ip_records-2-ip_type": "", "ip_records-2-number": "", "ip_records-2-title": "",
        "save": "保存草稿",
    }
    data.update(overrides)
    return data


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_create_achievement_saves_a_draft(client, db_session):
    user = UserFactory()
    db_session.commit()
    login(client, user)
    assert client.get("/achievements/new").status_code == 200
    response = client.post("/achievements/new", data=achievement_form())
    assert response.status_code == 302
    item = db_session.scalar(select(Achievement))
    assert item.status == "draft" and item.created_by_id == user.id
    assert item.asking_price == Decimal("350000.00")
    assert item.modes == ["license", "transfer"]
    assert item.keywords == ["钠离子电池", "硬碳", "负极"]
    assert [(r.ip_type, r.number) for r in item.ip_records] == [("invention_patent", PATENT)]
    assert item.valid_until == clock.today() + dt.timedelta(days=365)
    assert response.headers["Location"].endswith(f"/achievements/{item.id}")


def test_invalid_price_shows_a_field_error_and_saves_nothing(client, db_session):
    login(client, UserFactory())
    db_session.commit()
    response = client.post("/achievements/new", data=achievement_form(asking_price="很多钱"))
    assert response.status_code == 422
    assert "金额格式无效" in field_error(text(response), "asking_price")
    assert 'value="一种低成本钠离子电池负极材料"' in text(response)  # input kept
    assert count(db_session, Achievement) == 0


def test_bad_patent_number_error_lands_on_its_row(client, db_session):
    login(client, UserFactory())
    db_session.commit()
    response = client.post("/achievements/new",
                           data=achievement_form(**{"ip_records-1-number": "ZL123"}))
    assert response.status_code == 422
    assert "专利号格式" in field_error(text(response), "ip_records-1-number")
    assert count(db_session, Achievement) == 0


def test_missing_required_fields_are_reported_in_chinese(client, db_session):
    login(client, UserFactory())
    db_session.commit()
    response = client.post("/achievements/new",
                           data=achievement_form(title="", modes=[], asking_price="-5"))
    page = text(response)
    assert response.status_code == 422
    assert field_error(page, "title").count("<li>") == 1 and "请填写标题" in page
    assert "请至少选择一种合作方式" in field_error(page, "modes")
    assert "金额必须是非负数" in field_error(page, "asking_price")  # same round
    assert count(db_session, Achievement) == 0


def test_enterprise_user_cannot_open_new_achievement(client, db_session):
    user = UserFactory(role="enterprise", organisation__kind="enterprise")
    db_session.commit()
    login(client, user)
    assert client.get("/achievements/new").status_code == 403
    assert client.post("/achievements/new", data=achievement_form()).status_code == 403
    assert 'href="/achievements/new"' not in text(client.get("/achievements"))
    assert client.get("/needs/new").status_code == 200


def test_anonymous_is_sent_to_login(client):
    response = client.get("/achievements/new")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def test_create_need_with_budget_range(client, db_session):
    user = UserFactory(role="enterprise", organisation__kind="enterprise",
                       organisation__region_code="620400")
    db_session.commit()
    login(client, user)
    assert '<option selected value="620400">' in text(client.get("/needs/new"))
    response = client.post("/needs/new", data={
        "title": "寻求光伏组件回收技术", "description": "年处理 1 万吨退役组件。",
        "field": "environment", "required_trl": "", "modes": ["co_development"],
        "budget_min": "80万", "budget_max": "1200000", "deadline": "2030-01-01",
        "region_code": "620400", "save": "保存草稿"})
    assert response.status_code == 302
    need = db_session.scalar(select(Need))
    assert (need.budget_min, need.budget_max) == (Decimal("800000.00"), Decimal("1200000.00"))
    assert need.required_trl is None and need.deadline == dt.date(2030, 1, 1)


def contact_values(page: str) -> dict[str, str]:
    fields = re.findall(r'<input[^>]*name="(contact_\w+)"[^>]*>', page)
    tags = re.findall(r'<input[^>]*name="contact_\w+"[^>]*>', page)
    return {name: (re.search(r'value="([^"]*)"', tag) or [None, ""])[1]
            for name, tag in zip(fields, tags, strict=True)}


def test_new_listing_forms_start_with_the_authors_contact_details(client, db_session):
    expected = {"contact_name": "王联系", "contact_phone": "0931-8888888",
                "contact_email": "wang@example.org"}
    for role, kind, path in (("publisher", "university", "/achievements/new"),
                             ("enterprise", "enterprise", "/needs/new")):
        user = UserFactory(role=role, organisation__kind=kind, display_name="王联系",
                           phone="0931-8888888", email=f"wang.{role}@example.org")
        db_session.commit()
        client.post("/logout")
        login(client, user)
        assert contact_values(text(client.get(path))) == expected | {
            "contact_email": user.email}


def test_need_budget_min_above_max_is_refused(client, db_session):
    login(client, UserFactory(role="enterprise", organisation__kind="enterprise"))
    db_session.commit()
    response = client.post("/needs/new", data={
        "title": "需求", "description": "描述", "field": "environment", "modes": ["service"],
        "budget_min": "200", "budget_max": "100", "region_code": "620100", "save": "保存草稿"})
    assert response.status_code == 422
    assert "预算上限不能低于下限" in field_error(text(response), "budget_max")
    assert count(db_session, Need) == 0


def test_edit_prefills_and_updates_a_draft(client, db_session):
    item = AchievementFactory(status="draft", title="旧标题", asking_price=Decimal("12345.60"))
    db_session.commit()
    login(client, item.created_by)
    page = text(client.get(f"/achievements/{item.id}/edit"))
    assert 'value="旧标题"' in page and 'value="12345.60"' in page
    response = client.post(f"/achievements/{item.id}/edit",
                           data=achievement_form(title="新标题", asking_price="",
                                                 price_negotiable="y"))
    assert response.status_code == 302
    db_session.expire_all()
    item = db_session.get(Achievement, item.id)
    assert item.title == "新标题" and item.price_negotiable and item.asking_price is None


def test_published_item_cannot_be_edited(client, db_session):
    item = AchievementFactory()
    db_session.commit()
    login(client, item.created_by)
    assert client.get(f"/achievements/{item.id}/edit").status_code == 403


def test_save_and_submit_sends_to_review(client, db_session):
    login(client, UserFactory())
    db_session.commit()
    response = client.post("/achievements/new",
                           data=achievement_form(save=None, save_submit="保存并提交审核"))
    assert response.status_code == 302
    assert db_session.scalar(select(Achievement.status)) == "submitted"


def test_owner_deletes_a_draft_but_others_cannot(client, db_session):
    item = AchievementFactory(status="draft")
    other = NeedFactory(status="draft")
    db_session.commit()
    login(client, item.created_by)
    assert client.post(f"/needs/{other.id}/delete").status_code == 404
    assert client.post(f"/achievements/{item.id}/delete").status_code == 302
    assert count(db_session, Achievement) == 0 and count(db_session, Need) == 1
