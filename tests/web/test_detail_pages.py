"""Detail pages: who sees drafts, the confidential detail and its access requests."""

from sqlalchemy import select

from matchhub.catalog.models import DetailAccess, IPRecord
from tests.factories import AchievementFactory, NeedFactory, UserFactory
from tests.web.helpers import login, text

SECRET = "工艺参数：烧结温度 850 ℃。"


def test_draft_is_404_for_others_and_200_for_owner(client, db_session):
    draft = AchievementFactory(status="draft", title="未公开草稿")
    stranger = UserFactory()
    db_session.commit()
    assert client.get(f"/achievements/{draft.id}").status_code == 404
    login(client, stranger)
    response = client.get(f"/achievements/{draft.id}")
    assert response.status_code == 404 and "未公开草稿" not in text(response)
    client.post("/logout")
    login(client, draft.created_by)
    response = client.get(f"/achievements/{draft.id}")
    assert response.status_code == 200 and "未公开草稿" in text(response)
    assert "草稿" in text(response) and "删除草稿" in text(response)


def test_need_draft_is_hidden_too(client, db_session):
    need = NeedFactory(status="draft")
    db_session.commit()
    assert client.get(f"/needs/{need.id}").status_code == 404
    assert client.get("/needs/999999").status_code == 404


def test_public_detail_shows_facts_ip_and_contact_but_not_the_secret(client, db_session):
    item = AchievementFactory(contact_name="王老师", contact_phone="0931-8888888")
    item.ip_records = [IPRecord(ip_type="invention_patent", number="ZL201510123456.7",
                                title="一种正极材料")]
    db_session.commit()
    page = text(client.get(f"/achievements/{item.id}"))
    assert item.title in page and "王老师" in page and "0931-8888888" in page
    assert "发明专利" in page and "ZL201510123456.7" in page and "转让" in page
    assert SECRET not in page
    assert "登录</a>后可申请查看" in page
    assert "流转记录" not in page  # history is for owners and reviewers


def test_confidential_detail_hidden_until_granted_then_visible(client, db_session):
    item = AchievementFactory(confidential_detail=SECRET)
    visitor = UserFactory(role="enterprise", organisation__kind="enterprise")
    db_session.commit()
    login(client, visitor)
    page = text(client.get(f"/achievements/{item.id}"))
    assert SECRET not in page and "申请查看详情" in page

    response = client.post(f"/achievements/{item.id}/access", data={"message": "用于中试评估"})
    assert response.status_code == 302
    page = text(client.get(f"/achievements/{item.id}"))
    assert SECRET not in page and "等待成果方处理" in page

    client.post("/logout")
    login(client, item.created_by)
    owner_page = text(client.get(f"/achievements/{item.id}"))
    assert visitor.display_name in owner_page and "用于中试评估" in owner_page
    access = db_session.scalar(select(DetailAccess))
    response = client.post(f"/achievements/{item.id}/access/{access.id}/grant")
    assert response.status_code == 302

    client.post("/logout")
    login(client, visitor)
    assert SECRET in text(client.get(f"/achievements/{item.id}"))


def test_owner_can_revoke_access(client, db_session):
    item = AchievementFactory(confidential_detail=SECRET)
    visitor = UserFactory()
    db_session.add(DetailAccess(achievement_id=item.id, user_id=visitor.id, status="granted"))
    db_session.commit()
    access_id = db_session.scalar(select(DetailAccess.id))
    login(client, item.created_by)
    client.post(f"/achievements/{item.id}/access/{access_id}/revoke")
    client.post("/logout")
    login(client, visitor)
    page = text(client.get(f"/achievements/{item.id}"))
    assert SECRET not in page and "授权已被撤销" in page


def test_only_the_owner_decides_access(client, db_session):
    item = AchievementFactory()
    visitor, other = UserFactory(), UserFactory()
    db_session.add(DetailAccess(achievement_id=item.id, user_id=visitor.id))
    db_session.commit()
    access_id = db_session.scalar(select(DetailAccess.id))
    login(client, other)
    response = client.post(f"/achievements/{item.id}/access/{access_id}/grant")
    assert response.status_code == 403
    db_session.expire_all()
    assert db_session.get(DetailAccess, access_id).status == "requested"


def test_repeated_access_request_is_flashed_not_duplicated(client, db_session):
    item = AchievementFactory()
    visitor = UserFactory()
    db_session.commit()
    login(client, visitor)
    client.post(f"/achievements/{item.id}/access", data={"message": ""})
    response = client.post(f"/achievements/{item.id}/access", data={"message": ""},
                           follow_redirects=True)
    assert "已提交过申请" in text(response)
    assert len(db_session.scalars(select(DetailAccess)).all()) == 1
