"""The contract form opened from a signed case names the linked records instead of asking
for their internal numbers, and explains the registration number before any error."""

import re

from matchhub.catalog.models import Achievement
from matchhub.core.extensions import db
from tests.cases.helpers import advance, open_case
from tests.factories import BrokerFactory
from tests.web.helpers import login, text


def test_case_links_are_hidden_and_shown_by_name(client, db_session):
    me = BrokerFactory()
    case = advance(me, open_case(me), "signed")
    login(client, me)
    page = text(client.get(f"/contracts/new?case={case.id}"))
    achievement, need = case.achievements[0], case.need
    for name, value in (("achievement_id", achievement.id), ("need_id", need.id),
                        ("broker_id", me.id), ("seller_org_id", achievement.owner_org_id),
                        ("buyer_org_id", need.owner_org_id)):
        assert f'<input type="hidden" name="{name}" value="{value}">' in page
        assert not re.search(rf'<input(?![^>]*type="hidden")[^>]*name="{name}"', page)
    for shown in (achievement.title, need.title, me.display_name,
                  achievement.owner_org.name, need.owner_org.name):
        assert f">{shown}<" in page
    assert "编号" not in re.sub(r"合同登记编号|登记系统的编号", "", page)
    assert "16 位数字" in page  # the format is explained beside the field


def test_a_posted_number_reveals_no_draft_title(client, db_session):
    me = BrokerFactory()
    case = advance(me, open_case(me), "signed")
    draft = db.session.get(Achievement, case.achievements[0].id)
    draft.status, title = "draft", draft.title
    db.session.commit()
    login(client, me)
    page = text(client.post("/contracts/new", data={"achievement_id": str(draft.id)}))
    assert title not in page
