"""The audit log: what is recorded, by whom and from where, and the admin page."""


from sqlalchemy import select

from matchhub.accounts.services import set_verified
from matchhub.accounts.tokens import issue_token, revoke_token
from matchhub.audit.models import AuditEntry
from matchhub.audit.services import record
from matchhub.catalog.detail_access import decide, request_access
from matchhub.catalog.services import transition
from matchhub.contracts.services import cancel_contract, update_contract
from matchhub.core import clock
from matchhub.core.extensions import db
from tests.contracts.helpers import TODAY
from tests.contracts.people import platform_admin, register
from tests.factories import AchievementFactory, OrganisationFactory, UserFactory
from tests.web.helpers import login, text

TODAY_REAL = clock.today()


def _entries(action_prefix: str = "") -> list[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    return [e for e in db.session.scalars(stmt) if e.action.startswith(action_prefix)]


def test_sign_ins_are_logged_with_outcome_and_address(client, db_session):
    user = UserFactory()
    db_session.commit()
    client.post("/login", data={"email": user.email, "password": "nope"},
                environ_base={"REMOTE_ADDR": "198.51.100.7"})
    login(client, user)
    failure, success = _entries("login")
    assert (failure.action, failure.actor_id, failure.summary, failure.ip) == (
        "login.failure", None, user.email, "198.51.100.7")
    assert (success.action, success.actor_id, success.target_id) == (
        "login.success", user.id, user.id)


def test_verification_grants_and_tokens_are_logged(db_session):
    admin, org = platform_admin(), OrganisationFactory(verified=False, evidence_path="l.pdf")
    owner = UserFactory(role="publisher")
    reader = UserFactory(role="enterprise", organisation__kind="enterprise")
    item = AchievementFactory(created_by=owner)
    set_verified(db_session, admin, org, True)
    access = request_access(db_session, reader, item, "想看", TODAY_REAL)
    decide(db_session, owner, item, access.id, "grant", TODAY_REAL)
    token, _ = issue_token(db_session, owner, "脚本", ["catalog:read"])
    revoke_token(db_session, owner, token.id)
    db_session.commit()
    got = [(e.action, e.actor_id, e.target_type, e.target_id) for e in _entries()]
    assert got == [("organisation.verify", admin.id, "organisations", org.id),
                   ("detail_access.grant", owner.id, "achievement", item.id),
                   ("token.issue", owner.id, "api_tokens", token.id),
                   ("token.revoke", owner.id, "api_tokens", token.id)]


def test_review_decisions_are_logged_but_other_steps_are_not(db_session):
    reviewer = platform_admin()
    owner = UserFactory(role="publisher")
    first = AchievementFactory(created_by=owner, status="draft")
    second = AchievementFactory(created_by=owner, status="submitted")
    transition(db_session, owner, first, "submit", TODAY_REAL)
    transition(db_session, reviewer, first, "approve", TODAY_REAL)
    transition(db_session, reviewer, second, "reject", TODAY_REAL, reason="材料不全")
    db_session.commit()
    got = [(e.action, e.actor_id, e.target_id, e.summary) for e in _entries()]
    assert got == [("listing.approve", reviewer.id, first.id, first.title),
                   ("listing.reject", reviewer.id, second.id, "材料不全")]


def test_contract_changes_are_logged_as_pointers(db_session):
    admin = platform_admin()
    contract = register(admin)
    update_contract(db_session, admin, contract, {"name": "新名称"}, TODAY, reason="笔误")
    update_contract(db_session, admin, contract, {"name": "新名称"}, TODAY,
                    reason="笔误")  # no change
    cancel_contract(db_session, admin, contract, "重复登记")
    db_session.commit()
    got = [(e.action, e.target_type, e.target_id, e.details) for e in _entries()]
    assert got == [("contract.create", "contracts", contract.id, {"via": "create"}),
                   ("contract.correct", "contracts", contract.id, {"fields": ["name"]}),
                   ("contract.cancel", "contracts", contract.id, {})]


def test_admin_page_lists_and_filters_entries(client, db_session):
    admin = platform_admin()
    record(db_session, None, "login.failure", summary="mallory@example.org")
    record(db_session, admin, "organisation.verify", summary="某某大学")
    db_session.commit()
    login(client, admin)
    page = text(client.get("/admin/audit"))
    assert "mallory@example.org" in page and "某某大学" in page and "登录成功" in page
    only_logins = text(client.get("/admin/audit?action=login"))
    assert "mallory@example.org" in only_logins and "某某大学" not in only_logins
    assert "某某大学" not in text(client.get("/admin/audit?action=login.failure"))


def test_admin_page_is_for_platform_administrators_only(client, db_session):
    assert client.get("/admin/audit").status_code == 302  # to the sign-in page
    user = UserFactory(role="org_admin")
    db_session.commit()
    login(client, user)
    assert client.get("/admin/audit").status_code == 403


def test_creating_a_platform_administrator_is_logged(runner, db_session):
    result = runner.invoke(args=["create-admin", "--email", "root@example.org",
                                 "--password", "a long enough password"])
    assert result.exit_code == 0, result.output
    (entry,) = _entries("role")
    assert (entry.action, entry.actor_id, entry.target_type, entry.details) == (
        "role.grant", None, "users", {"role": "platform_admin"})
