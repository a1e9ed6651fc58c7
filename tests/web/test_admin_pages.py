from matchhub.accounts.models import Organisation
from matchhub.core.extensions import db
from matchhub.search.indexing.models import DEAD, OutboxEntry
from tests.factories import OrganisationFactory, UserFactory
from tests.web.helpers import login, text


def test_platform_admin_verifies_an_organisation(client, db_session):
    org = OrganisationFactory(name="待认证研究院", verified=False)
    admin = UserFactory(role="platform_admin", organisation=None)
    db_session.commit()
    login(client, admin)
    page = text(client.get("/admin/organisations"))
    assert "待认证研究院" in page and org.credit_code in page
    # Not without the licence (422 naming it); then with one on file.
    response = client.post(f"/admin/organisations/{org.id}/verification", data={"verified": "1"})
    assert response.status_code == 422 and "evidence" in text(response)
    org.evidence_path, org.verification_status = "licence.pdf", "pending"
    db_session.commit()
    response = client.post(f"/admin/organisations/{org.id}/verification", data={"verified": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, org.id).verified is True
    # The default view lists unverified organisations only.
    assert f"<code>{org.credit_code}</code>" not in text(client.get("/admin/organisations"))
    assert f"<code>{org.credit_code}</code>" in text(client.get("/admin/organisations?show=all"))


def test_others_cannot_verify(client, db_session):
    org = OrganisationFactory(verified=False, evidence_path="licence.pdf")
    # A zone's administrators verify the organisations of their zone only.
    zone_admin = UserFactory(role="zone_admin", organisation=None, zone_code="620500")
    org_admin = UserFactory(role="org_admin", organisation=org)
    db_session.commit()
    login(client, org_admin)
    assert client.get("/admin/organisations").status_code == 403
    assert client.post(f"/admin/organisations/{org.id}/verification",
                       data={"verified": "1"}).status_code == 403
    client.post("/logout")
    login(client, zone_admin)
    assert client.post(f"/admin/organisations/{org.id}/verification",
                       data={"verified": "1"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Organisation, org.id).verified is False
    client.post("/logout")
    assert client.get("/admin/organisations").status_code == 302  # to the login page


def test_search_status_page_says_why_semantic_is_off(client, db_session):
    admin = UserFactory(role="platform_admin", organisation=None)
    publisher = UserFactory(role="publisher")
    db_session.commit()
    login(client, publisher)
    assert client.get("/admin/search").status_code == 403
    client.post("/logout")
    login(client, admin)
    page = text(client.get("/admin/search"))
    assert "embedded" in page and "未启用" in page and "MATCHHUB_EMBEDDING_MODEL" in page


def test_search_status_page_shows_the_outbox_and_dead_changes(client, db_session):
    admin = UserFactory(role="platform_admin", organisation=None)
    db_session.add(OutboxEntry(item_type="achievement", item_id=42, state=DEAD, attempts=8,
                               last_error="ConnectionError: 索引服务不可用"))
    db_session.add(OutboxEntry(item_type="need", item_id=7))
    db_session.commit()
    login(client, admin)
    page = text(client.get("/admin/search"))
    assert "索引队列" in page and "<dt>待处理变更</dt><dd>1</dd>" in page
    assert "<dt>处理失败（死信）</dt><dd>1" in page
    assert "achievement:42" in page and "ConnectionError: 索引服务不可用" in page

