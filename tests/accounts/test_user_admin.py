"""User administration through HTTP: role changes and (de)activation by platform
administrators, their guards, their audit entries, and denials for everyone else."""

import pytest
from flask import g
from sqlalchemy import select, update

from matchhub.accounts.administration import RoleChange, change_role
from matchhub.accounts.models import User
from matchhub.accounts.tokens import issue_token
from matchhub.audit.models import AuditEntry
from matchhub.core.errors import Conflict
from matchhub.core.extensions import db
from tests.contracts.people import platform_admin, zone_admin
from tests.factories import PASSWORD, OrganisationFactory, UserFactory
from tests.web.helpers import field_error, login, text


def _audit(prefix: str = "") -> list[AuditEntry]:
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    return [e for e in entries if e.action.startswith(prefix) and e.action != "login.success"]


def _state(user: User) -> tuple:
    db.session.expire_all()
    fresh = db.session.get(User, user.id)
    return fresh.role, fresh.org_id, fresh.zone_code, fresh.active


def _forget_cached_user() -> None:
    """Requests in these tests share the fixture's app context, so flask.g would carry the
    user the previous request signed in; a real request starts with an empty g."""
    g.pop("_login_user", None)


@pytest.fixture
def admin(client):
    user = platform_admin()
    db.session.commit()
    login(client, user)
    return user


def test_admin_lists_users_with_filters(client, admin):
    UserFactory(email="zhang@example.org", display_name="张三", role="publisher")
    UserFactory(email="li@example.org", display_name="李四", role="enterprise",
                organisation__kind="enterprise", active=False)
    db.session.commit()
    page = text(client.get("/admin/users"))
    assert "zhang@example.org" in page and "li@example.org" in page and "用户管理" in page
    assert "li@example.org" not in text(client.get("/admin/users?q=张"))
    only_enterprise = text(client.get("/admin/users?role=enterprise"))
    assert "li@example.org" in only_enterprise and "zhang@example.org" not in only_enterprise
    inactive = text(client.get("/admin/users?state=inactive"))
    assert "li@example.org" in inactive and "zhang@example.org" not in inactive


def test_admin_changes_a_role_and_the_change_is_audited(client, admin):
    user = UserFactory(role="publisher")
    db.session.commit()
    response = client.post(f"/admin/users/{user.id}/role", data={"role": "org_admin"})
    assert response.status_code == 302
    assert _state(user) == ("org_admin", user.org_id, None, True)
    (entry,) = _audit("role")
    assert (entry.action, entry.actor_id, entry.target_type, entry.target_id) == (
        "role.change", admin.id, "users", user.id)
    assert entry.details["old"]["role"] == "publisher"
    assert entry.details["new"] == {"role": "org_admin", "org_id": user.org_id,
                                    "zone_code": None}
    assert "成果发布者 → 机构管理员" in entry.summary


def test_zone_admin_role_needs_a_zone_and_names_the_field(client, admin):
    user = UserFactory(role="publisher")
    db.session.commit()
    response = client.post(f"/admin/users/{user.id}/role", data={"role": "zone_admin"})
    assert response.status_code == 422
    assert "示范区管理员必须绑定一个示范区" in field_error(text(response), "zone_code")
    assert _state(user) == ("publisher", user.org_id, None, True)
    assert _audit("role") == []
    ok = client.post(f"/admin/users/{user.id}/role",
                     data={"role": "zone_admin", "zone_code": "620100"})
    assert ok.status_code == 302
    assert _state(user) == ("zone_admin", None, "620100", True)


def test_organisation_role_refuses_an_organisation_of_the_wrong_kind(client, admin):
    user = zone_admin()
    enterprise = OrganisationFactory(kind="enterprise")
    db.session.commit()
    response = client.post(f"/admin/users/{user.id}/role",
                           data={"role": "publisher", "org_id": str(enterprise.id)})
    assert response.status_code == 422
    assert "该角色不能隶属于此类机构" in field_error(text(response), "org_id")
    assert _state(user) == ("zone_admin", None, "620100", True)
    unknown_role = client.post(f"/admin/users/{user.id}/role", data={"role": "root"})
    assert unknown_role.status_code == 422 and _audit("role") == []


def test_admin_cannot_demote_or_deactivate_themselves(client, admin):
    platform_admin()  # another administrator: the refusal is about the self, not the count
    db.session.commit()
    demote = client.post(f"/admin/users/{admin.id}/role",
                         data={"role": "org_admin", "org_id": str(OrganisationFactory().id)})
    assert demote.status_code == 409
    assert "不能取消自己的平台管理员角色" in text(demote)
    deactivate = client.post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    assert deactivate.status_code == 409 and "不能停用自己的账号" in text(deactivate)
    assert _state(admin) == ("platform_admin", None, None, True)
    assert _audit("role") == [] and _audit("user") == []


def test_the_last_active_platform_admin_keeps_the_role(admin):
    """Two administrators demote each other at once: the second finds itself the last."""
    other = platform_admin()
    db.session.commit()
    # The first demotion has committed meanwhile; ``admin`` in this session is stale.
    db.session.execute(update(User).where(User.id == admin.id).values(role="org_admin"),
                       execution_options={"synchronize_session": False})
    with pytest.raises(Conflict, match="最后一位"):
        change_role(db.session, admin, other, RoleChange("publisher", OrganisationFactory().id))
    db.session.rollback()
    assert _state(other)[0] == "platform_admin"


def test_another_admin_can_be_demoted_and_deactivated(client, admin):
    other = platform_admin()
    db.session.commit()
    assert client.post(f"/admin/users/{other.id}/active", data={"active": "0"}).status_code == 302
    assert client.post(f"/admin/users/{other.id}/role",
                       data={"role": "zone_admin", "zone_code": "620100"}).status_code == 302
    assert _state(other) == ("zone_admin", None, "620100", False)
    assert [e.action for e in _audit("")] == ["user.deactivate", "role.change"]


def test_deactivated_users_cannot_sign_in_and_their_tokens_and_sessions_stop(app, client, admin):
    user = UserFactory(role="publisher")
    _, secret = issue_token(db.session, user, "脚本", ["catalog:read"])
    db.session.commit()
    bearer = {"Authorization": f"Bearer {secret}"}
    theirs = app.test_client()
    _forget_cached_user()
    login(theirs, user)
    assert theirs.get("/account/tokens").status_code == 200
    assert client.get("/api/v1/me", headers=bearer).status_code == 200
    _forget_cached_user()
    response = client.post(f"/admin/users/{user.id}/active", data={"active": "0"})
    assert response.status_code == 302
    assert client.get("/api/v1/me", headers=bearer).status_code == 401
    _forget_cached_user()
    assert theirs.get("/account/tokens").status_code == 302  # signed out: to the sign-in page
    _forget_cached_user()
    refused = app.test_client().post("/login", data={"email": user.email, "password": PASSWORD})
    assert refused.status_code == 422 and "账号已停用" in text(refused)
    (entry,) = _audit("user")
    assert (entry.action, entry.actor_id, entry.target_id, entry.details) == (
        "user.deactivate", admin.id, user.id, {"old": {"active": True}, "new": {"active": False}})
    _forget_cached_user()
    assert client.post(f"/admin/users/{user.id}/active", data={"active": "1"}).status_code == 302
    # Reactivation does not revive the token (issue 14, finding 10): it was revoked.
    assert client.get("/api/v1/me", headers=bearer).status_code == 401


def test_bad_activation_value_is_refused(client, admin):
    user = UserFactory()
    db.session.commit()
    response = client.post(f"/admin/users/{user.id}/active", data={"active": "maybe"})
    assert response.status_code == 422 and "active" in text(response)
    assert _state(user)[3] is True
    assert client.get("/admin/users/999999").status_code == 404


@pytest.mark.parametrize("role", ["publisher", "enterprise", "broker", "org_admin", "zone_admin"])
def test_other_roles_are_refused_and_nothing_changes(client, role):
    kinds = {"enterprise": "enterprise", "broker": "transfer_institution"}
    if role == "zone_admin":
        caller = zone_admin()
    else:
        caller = UserFactory(role=role, organisation__kind=kinds.get(role, "university"))
    target = UserFactory(role="publisher")
    db.session.commit()
    login(client, caller)
    assert client.get("/admin/users").status_code == 403
    assert client.get(f"/admin/users/{target.id}").status_code == 403
    assert client.post(f"/admin/users/{target.id}/role",
                       data={"role": "platform_admin"}).status_code == 403
    assert client.post(f"/admin/users/{caller.id}/role",
                       data={"role": "platform_admin"}).status_code == 403
    assert client.post(f"/admin/users/{target.id}/active", data={"active": "0"}).status_code == 403
    assert _state(target) == ("publisher", target.org_id, None, True)
    assert _state(caller)[0] == role
    assert _audit("role") == [] and _audit("user") == []


def test_anonymous_visitors_are_sent_to_sign_in(client):
    target = UserFactory()
    db.session.commit()
    assert client.get("/admin/users").status_code == 302
    assert client.post(f"/admin/users/{target.id}/active", data={"active": "0"}).status_code == 302
    assert _state(target)[3] is True


def test_changes_need_the_csrf_token(app, client, admin, monkeypatch):
    user = UserFactory()
    db.session.commit()
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post(f"/admin/users/{user.id}/active", data={"active": "0"}).status_code == 400
    role = client.post(f"/admin/users/{user.id}/role", data={"role": "org_admin"})
    assert role.status_code == 400
    assert _state(user) == ("publisher", user.org_id, None, True)
