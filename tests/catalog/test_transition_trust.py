"""Workflow steps only people may take, refused ones audited; expiry is the daily job's
(issue 14, findings 1 and 14)."""

import datetime as dt

import pytest
from sqlalchemy import select

from matchhub.audit.models import AuditEntry
from matchhub.catalog import services
from matchhub.catalog.models import Transition
from matchhub.core import clock
from matchhub.core.errors import PermissionDenied
from matchhub.core.extensions import db
from tests.api.helpers import assert_error, bearer
from tests.factories import AchievementFactory, EnterpriseUserFactory, NeedFactory, UserFactory
from tests.web.helpers import login


def _refusals(item) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "listing.refused", AuditEntry.target_id == item.id)
        .order_by(AuditEntry.id)))


def test_api_token_cannot_expire_someone_elses_listing(client, db_session):
    listing = AchievementFactory(title="公开成果")
    stranger = EnterpriseUserFactory()
    db_session.commit()
    response = client.post(f"/api/v1/achievements/{listing.id}/transitions",
                           json={"action": "expire"}, headers=bearer(stranger))
    error = assert_error(response, 422, "validation_failed")
    assert list(error["fields"]) == ["action"]
    db_session.refresh(listing)
    assert listing.status == "published"


def test_expire_is_not_offered_to_people_even_owners(client, db_session):
    listing = NeedFactory()
    db_session.commit()
    admin = UserFactory(platform_admin=True)
    for user in (listing.created_by, admin):
        response = client.post(f"/api/v1/needs/{listing.id}/transitions",
                               json={"action": "expire"}, headers=bearer(user))
        assert_error(response, 422, "validation_failed")
    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert "expire" not in schema["TransitionIn"]["properties"]["action"]["enum"]


def test_service_refuses_expire_for_any_user(db_session):
    listing = AchievementFactory()
    owner = listing.created_by
    with pytest.raises(PermissionDenied):
        services.transition(db_session, owner, listing, "expire", clock.today())
    assert listing.status == "published"


def test_web_action_route_has_no_expire(client, db_session):
    listing = AchievementFactory()
    db_session.commit()
    login(client, listing.created_by)
    response = client.post(f"/achievements/{listing.id}/actions/expire")
    assert response.status_code == 404
    db_session.refresh(listing)
    assert listing.status == "published"


def test_daily_job_still_expires_lapsed_listings(db_session):
    lapsed = AchievementFactory(valid_until=clock.today() - dt.timedelta(days=1))
    live = AchievementFactory()
    assert services.expire_due(db_session, clock.today()) == 1
    assert lapsed.status == "expired" and live.status == "published"
    step = db_session.scalars(select(Transition).where(Transition.item_id == lapsed.id)).one()
    assert (step.action, step.actor_id) == ("expire", None)


def test_refused_api_transition_is_audited(client, db_session):
    listing = AchievementFactory(status="submitted")
    db_session.commit()
    owner = listing.created_by
    response = client.post(f"/api/v1/achievements/{listing.id}/transitions",
                           json={"action": "approve"}, headers=bearer(owner))
    assert_error(response, 403, "forbidden")
    response = client.post(f"/api/v1/achievements/{listing.id}/transitions",
                           json={"action": "renew"}, headers=bearer(owner))
    assert_error(response, 409, "invalid_transition")
    entries = _refusals(listing)
    assert [(e.actor_id, e.details["requested"], e.details["outcome"]) for e in entries] == [
        (owner.id, "approve", "denied"), (owner.id, "renew", "invalid")]


def test_refused_web_transition_is_audited(client, db_session):
    listing = NeedFactory(status="submitted")
    db_session.commit()
    login(client, listing.created_by)
    response = client.post(f"/needs/{listing.id}/actions/approve")
    assert response.status_code == 403
    assert [e.details["requested"] for e in _refusals(listing)] == ["approve"]


def test_write_only_token_reads_its_own_draft(client, db_session):
    draft = AchievementFactory(status="draft", title="本人草稿")
    other = AchievementFactory(status="draft", title="他人草稿")
    db_session.commit()
    write_only = bearer(draft.created_by, ["catalog:write"])
    response = client.get(f"/api/v1/achievements/{draft.id}", headers=write_only)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["title"] == "本人草稿"
    assert_error(client.get(f"/api/v1/achievements/{other.id}", headers=write_only),
                 404, "not_found")
    edited = client.patch(f"/api/v1/achievements/{draft.id}", json={"title": "改过的草稿"},
                          headers=write_only)
    assert edited.status_code == 200, edited.get_json()
    submitted = client.post(f"/api/v1/achievements/{draft.id}/transitions",
                            json={"action": "submit"}, headers=write_only)
    assert submitted.status_code == 201, submitted.get_json()


def test_write_only_token_does_not_read_others_drafts_as_reviewer(client, db_session):
    """catalog:write widens reading to the caller's own items only, not what a reviewer sees."""
    submitted = AchievementFactory(status="submitted")
    admin = UserFactory(platform_admin=True)
    db_session.commit()
    write_only = bearer(admin, ["catalog:write"])
    assert_error(client.get(f"/api/v1/achievements/{submitted.id}", headers=write_only),
                 404, "not_found")
