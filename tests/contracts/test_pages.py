"""The /contracts pages: list and detail by role, register, edit (audited), cancel."""

import re

import pytest
from sqlalchemy import func, select

from matchhub import create_app
from matchhub.contracts.models import Contract, ContractChange
from matchhub.core.extensions import db
from tests.contracts.helpers import contract_input
from tests.contracts.people import (
    attach_file,
    broker,
    officer,
    org_admin,
    platform_admin,
    publisher,
    register,
    zone_admin,
)
from tests.factories import AchievementFactory
from tests.web.helpers import field_error, login, text


def form_data(n: int = 1, **changes) -> dict:
    data = contract_input(n, **changes)
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def count(model=Contract) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_anonymous_is_sent_to_login_and_publisher_is_refused(client):
    assert client.get("/contracts/").status_code == 302
    assert client.get("/contracts/new").status_code == 302
    login(client, publisher())
    assert client.get("/contracts/").status_code == 403
    assert client.get("/contracts/new").status_code == 403
    assert "技术合同" not in text(client.get("/"))


def test_list_shows_only_what_each_role_may_see(client):
    admin = platform_admin()
    mine, theirs = broker(), broker()
    register(mine, 1)
    register(theirs, 2, seller_region_code="620500", buyer_region_code="620500",
             seller_name="天水某研究所")
    register(admin, 3, seller_region_code="620500", buyer_region_code="620100")
    cases = [(admin, {"2016620100000001", "2016620100000002", "2016620100000003"}),
             (mine, {"2016620100000001"}),
             (zone_admin("620100"), {"2016620100000001", "2016620100000003"}),
             (zone_admin("620500"), {"2016620100000002", "2016620100000003"}),
             (org_admin(), set())]
    for user, expected in cases:
        db.session.commit()
        login(client, user)
        page = text(client.get("/contracts/"))
        assert set(re.findall(r"2016620100\d{6}", page)) == expected, user.role
        client.post("/logout")


def test_list_filters_and_amounts_in_wan(client):
    admin = platform_admin()
    register(admin, 1)
    register(admin, 2, contract_type="consulting", contract_subtype="", buyer_name="白银公司",
             registered_on=contract_input()["registered_on"].replace(year=2017),
             signed_on=contract_input()["signed_on"].replace(year=2017))
    login(client, admin)
    page = text(client.get("/contracts/"))
    assert "成交额（万元）" in page and ">125.00<" in page and "技术开发" in page
    assert "2016620100000002" not in text(client.get("/contracts/?year=2016"))
    assert "2016620100000001" not in text(client.get("/contracts/?type=consulting"))
    assert "2016620100000001" not in text(client.get("/contracts/?buyer=白银"))
    assert "2016620100000002" in text(client.get("/contracts/?zone=620100&field=agriculture"))


def test_bad_filter_is_a_400_naming_the_parameter(client):
    login(client, platform_admin())
    response = client.get("/contracts/?year=abc&zone=999999")
    assert response.status_code == 400
    assert "year" in text(response) and "zone" in text(response)


def test_list_paginates(client, app):
    admin = platform_admin()
    for n in range(app.config["PAGE_SIZE"] + 1):
        register(admin, n + 1)
    login(client, admin)
    assert "共 {} 份".format(app.config["PAGE_SIZE"] + 1) in text(client.get("/contracts/"))
    second = text(client.get("/contracts/?page=2"))
    assert len(set(re.findall(r"2016620100\d{6}", second))) == 1


def test_detail_shows_labels_links_and_history(client):
    admin = platform_admin()
    achievement = AchievementFactory()
    contract = register(admin, achievement_id=achievement.id)
    login(client, admin)
    client.post(f"/contracts/{contract.id}/edit", data={**form_data(
        volume="2000000", achievement_id=achievement.id), "reason": "按合同文本更正"})
    page = text(client.get(f"/contracts/{contract.id}"))
    for label in ("技术开发", "委托开发", "高等院校", "兰州市（620100）", "农业", "专利"):
        assert label in page
    assert f"/achievements/{achievement.id}" in page and achievement.title in page
    assert "合同成交额" in page and "125.00 万元 → 200.00 万元" in page
    assert admin.display_name in page


def test_detail_is_404_for_those_who_may_not_see_it(client):
    contract = register(broker())
    for user in (broker(), zone_admin("620500"), org_admin()):
        db.session.commit()
        login(client, user)
        assert client.get(f"/contracts/{contract.id}").status_code == 404
        assert client.get(f"/contracts/{contract.id}/edit").status_code == 404
        assert client.post(f"/contracts/{contract.id}/cancel",
                           data={"reason": "x"}).status_code == 404
        client.post("/logout")
    assert client.get("/contracts/99999").status_code == 302  # anonymous: to login


def test_buyer_zone_admin_sees_but_may_not_change(client):
    contract = register(platform_admin())  # buyer is in 621100
    official = zone_admin("621100")
    db.session.commit()
    login(client, official)
    page = text(client.get(f"/contracts/{contract.id}"))
    assert "修改记录" in page and "撤销登记" not in page
    assert client.get(f"/contracts/{contract.id}/edit").status_code == 403
    assert client.post(f"/contracts/{contract.id}/cancel",
                       data={"reason": "x"}).status_code == 403
    assert db.session.get(Contract, contract.id).status == "active"


def test_register_form_creates_and_records_who(client):
    user = officer()
    db.session.commit()
    login(client, user)
    assert "登记技术合同" in text(client.get("/contracts/new"))
    response = client.post("/contracts/new", data=form_data(volume="125万元"))
    assert response.status_code == 302
    contract = db.session.scalars(select(Contract)).one()
    assert contract.created_by_id == user.id and str(contract.volume) == "1250000.00"


def test_register_form_shows_service_errors_on_fields(client):
    user = platform_admin()
    register(user, 1)
    login(client, user)
    duplicate = client.post("/contracts/new", data=form_data(1))
    assert duplicate.status_code == 422
    assert "该合同登记编号已存在" in field_error(text(duplicate), "registration_number")
    response = client.post("/contracts/new", data=form_data(
        2, tech_income="9999999", seller_region_code="999999"))
    assert response.status_code == 422
    page = text(response)
    assert "不能大于合同成交额" in field_error(page, "tech_income")
    assert "6 位行政区划代码" in field_error(page, "seller_region_code")
    dangling = client.post("/contracts/new", data=form_data(2, achievement_id="12345"))
    assert "不存在该编号" in field_error(text(dangling), "achievement_id")
    assert count() == 1


def test_register_form_requires_fields(client):
    login(client, platform_admin())
    response = client.post("/contracts/new", data={"name": "只有名称"})
    assert response.status_code == 422
    assert "请填写合同登记编号" in field_error(text(response), "registration_number")
    assert count() == 0


def test_zone_admin_may_not_register_outside_the_zone(client):
    login(client, zone_admin("620500"))
    response = client.post("/contracts/new", data=form_data())
    assert response.status_code == 403
    assert count() == 0


def test_edit_is_audited_and_bad_edit_changes_nothing(client):
    user = broker()
    contract = attach_file(register(user))
    login(client, user)
    page = text(client.get(f"/contracts/{contract.id}/edit"))
    assert 'value="1250000.50"' in page
    bad = client.post(f"/contracts/{contract.id}/edit",
                      data=form_data(volume="100", tech_income="200"))
    assert bad.status_code == 422
    assert "不能大于合同成交额" in field_error(text(bad), "tech_income")
    assert count(ContractChange) == 1
    ok = client.post(f"/contracts/{contract.id}/edit", data=form_data(name="新名称"))
    assert ok.status_code == 302
    change = db.session.scalars(select(ContractChange).where(
        ContractChange.action == "update")).one()
    assert (change.field, change.new_value, change.user_id) == ("name", "新名称", user.id)


def test_cancel_needs_a_reason_then_locks_the_contract(client):
    user = platform_admin()
    contract = register(user)
    login(client, user)
    missing = client.post(f"/contracts/{contract.id}/cancel", data={"reason": " "})
    assert missing.status_code == 422
    assert "请填写撤销原因" in field_error(text(missing), "reason")
    assert db.session.get(Contract, contract.id).status == "active"
    done = client.post(f"/contracts/{contract.id}/cancel", data={"reason": "重复登记"})
    assert done.status_code == 302
    page = text(client.get(f"/contracts/{contract.id}"))
    assert "已撤销" in page and "重复登记" in page
    assert client.get(f"/contracts/{contract.id}/edit").status_code == 403


def test_nav_link_for_roles_that_use_the_registry(client):
    login(client, broker())
    assert 'href="/contracts/"' in text(client.get("/"))


@pytest.fixture
def csrf_client(database_url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "csrf-test",
                      "DATA_DIR": str(tmp_path), "WTF_CSRF_ENABLED": True})
    return app.test_client()


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


@pytest.mark.commits
def test_forms_refuse_posts_without_the_csrf_token(csrf_client):
    user = platform_admin()
    contract = register(user)
    login_page = text(csrf_client.get("/login"))
    csrf_client.post("/login", data={"email": user.email, "password": "correct horse battery",
                                     "csrf_token": _token(login_page)})
    assert csrf_client.post("/contracts/new", data=form_data(2)).status_code == 400
    assert csrf_client.post(f"/contracts/{contract.id}/cancel",
                            data={"reason": "x"}).status_code == 400
    token = _token(text(csrf_client.get("/contracts/new")))
    created = csrf_client.post("/contracts/new", data={**form_data(2), "csrf_token": token})
    assert created.status_code == 302
    db.session.rollback()  # end this session's read snapshot to see the other app's write
    assert count() == 2
