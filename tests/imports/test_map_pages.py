"""The saved-maps pages of both imports list each map's columns with its delete form."""

from matchhub.catalog.imports import map_kind
from matchhub.core.extensions import db
from tests.contracts.people import officer
from tests.factories import SavedColumnMapFactory, UserFactory
from tests.web.helpers import login


def test_the_contract_maps_page_lists_columns_and_a_delete_form(client):
    user = officer("620100")
    saved = SavedColumnMapFactory(created_by_id=user.id, owner=f"user:{user.id}")
    db.session.commit()
    login(client, user)
    page = client.get("/contracts/import/maps").get_data(as_text=True)
    assert "合同登记编号 ← 登记编号" in page
    assert f'action="/contracts/import/maps/{saved.id}/delete"' in page
    assert '<th scope="col">类型</th>' not in page and "可在上传页选择这里的列映射" in page


def test_the_catalogue_maps_page_lists_columns_and_a_delete_form(client):
    user = UserFactory(role="publisher")
    saved = SavedColumnMapFactory(created_by_id=user.id, owner=f"org:{user.org_id}",
                                  kind=map_kind("achievement"), columns={"标题": "成果名称"})
    db.session.commit()
    login(client, user)
    page = client.get("/imports/maps").get_data(as_text=True)
    assert "标题 ← 成果名称" in page
    assert f'action="/imports/maps/{saved.id}/delete"' in page
    assert '<th scope="col">类型</th>' in page and "<td>成果</td>" in page
