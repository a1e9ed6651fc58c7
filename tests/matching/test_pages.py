"""The 「匹配推荐」 section, the "not relevant" form, the owner's aggregate, the broker page."""

import re

import pytest

from matchhub import create_app
from matchhub.core.extensions import db
from matchhub.matching.models import MatchFeedback
from tests.factories import PASSWORD, BrokerFactory, OrganisationFactory, UserFactory
from tests.matching.helpers import achievement, need
from tests.web.helpers import login, text


@pytest.mark.commits
def test_owner_sees_matches_with_reasons(client, db_session):
    wanted = need()
    offer = achievement(title="锂离子电池正极材料制备工艺")
    db_session.commit()
    login(client, wanted.created_by)
    page = text(client.get(f"/needs/{wanted.id}"))
    assert "匹配推荐" in page
    assert f'href="/achievements/{offer.id}"' in page
    for label in ("领域一致", "成熟度满足（中试 ≥ 小试）", "报价在预算内", "同属兰州市"):
        assert label in page
    assert "<mark>" in page
    assert f"/needs/{wanted.id}/matches/{offer.id}/not-relevant" in page


def test_matches_are_hidden_from_visitors_and_other_users(client, db_session):
    wanted = need()
    achievement()
    other = UserFactory(role="enterprise", organisation=OrganisationFactory(kind="enterprise"))
    db_session.commit()
    assert "匹配推荐" not in text(client.get(f"/needs/{wanted.id}"))
    login(client, other)
    assert "匹配推荐" not in text(client.get(f"/needs/{wanted.id}"))


@pytest.mark.commits
def test_brokers_and_admins_see_matches_on_achievements(client, db_session):
    offer = achievement()
    wanted = need()
    user = BrokerFactory()
    db_session.commit()
    login(client, user)
    page = text(client.get(f"/achievements/{offer.id}"))
    assert "匹配推荐" in page and f'href="/needs/{wanted.id}"' in page
    assert "推荐反馈" not in page  # the aggregate is the owner's


@pytest.mark.commits
def test_not_relevant_flow_and_owner_aggregate(client, db_session):
    wanted = need()
    offer, other = achievement(), achievement()
    db_session.commit()
    login(client, wanted.created_by)
    response = client.post(f"/needs/{wanted.id}/matches/{offer.id}/not-relevant",
                           data={"reason": "too_early", "note": "还在实验室阶段"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/needs/{wanted.id}#matches")
    mark = db_session.scalars(db.select(MatchFeedback)).one()
    assert (mark.need_id, mark.achievement_id, mark.recommended_type, mark.reason) == (
        wanted.id, offer.id, "achievement", "too_early")
    page = text(client.get(f"/needs/{wanted.id}"))
    assert f'href="/achievements/{offer.id}"' not in page
    assert f'href="/achievements/{other.id}"' in page
    client.post("/logout")
    login(client, offer.created_by)
    page = text(client.get(f"/achievements/{offer.id}"))
    assert "推荐反馈" in page and "技术成熟度不够：1 次" in page
    assert "还在实验室阶段" not in page  # aggregate only


def test_not_relevant_needs_a_reason(client, db_session):
    wanted = need()
    offer = achievement()
    db_session.commit()
    login(client, wanted.created_by)
    response = client.post(f"/needs/{wanted.id}/matches/{offer.id}/not-relevant", data={})
    assert response.status_code == 422
    assert "原因：请选择不相关的原因" in text(response)
    assert db_session.scalars(db.select(MatchFeedback)).all() == []


def test_not_relevant_is_refused_to_outsiders(client, db_session):
    wanted = need()
    offer = achievement()
    db_session.commit()
    url = f"/needs/{wanted.id}/matches/{offer.id}/not-relevant"
    assert client.post(url, data={"reason": "other"}).status_code == 302  # to the login page
    login(client, offer.created_by)  # the recommended item's owner has no say on this need
    assert client.post(url, data={"reason": "other"}).status_code == 403


@pytest.mark.commits
def test_broker_page(client, db_session):
    wanted = need()
    offer = achievement()
    user = BrokerFactory()
    db_session.commit()
    assert client.get("/matches").status_code == 302
    login(client, user)
    page = text(client.get("/matches"))
    assert "对接推荐" in page
    assert f'href="/needs/{wanted.id}"' in page and f'href="/achievements/{offer.id}"' in page
    client.post("/logout")
    login(client, wanted.created_by)
    assert client.get("/matches").status_code == 403
    client.post("/logout")
    login(client, UserFactory(platform_admin=True))
    assert client.get("/matches").status_code == 200


@pytest.mark.commits
def test_not_relevant_form_needs_csrf(database_url, tmp_path, db_session):
    wanted = need()
    offer = achievement()
    db_session.commit()
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "csrf-test",
                      "DATA_DIR": str(tmp_path), "WTF_CSRF_ENABLED": True})
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = {"email": wanted.created_by.email, "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=form).status_code == 302
    url = f"/needs/{wanted.id}/matches/{offer.id}/not-relevant"
    assert client.post(url, data={"reason": "other"}).status_code == 400
    with app.app_context():
        db.engine.dispose()
