"""Finding 5, joining: registering as a member of an existing organisation is a request
its administrator (or the platform) decides; until then the user has no organisation."""

from sqlalchemy import select

from matchhub.accounts.models import Membership, Organisation, User
from matchhub.audit.models import AuditEntry
from matchhub.core.extensions import db
from tests.cases.helpers import open_case
from tests.factories import BrokerFactory, OrganisationFactory, UserFactory
from tests.web.helpers import confirm_and_login, login, text

PASSWORD = "a-long-enough-passphrase"


def _register(client, **changes):
    data = {"display_name": "冒名者", "email": "stranger@example.org", "password": PASSWORD,
            "password_confirm": PASSWORD, "role": "publisher", "org_mode": "existing"}
    data.update(changes)
    return client.post("/register", data=data)


def _user(email="stranger@example.org") -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_joining_an_existing_organisation_is_a_pending_request(client, db_session):
    broker = BrokerFactory()
    case = open_case(broker)
    university = db.session.get(Organisation, case.achievements[0].owner_org_id)
    db_session.commit()
    assert _register(client, org_id=str(university.id)).status_code == 302
    confirm_and_login(client, "stranger@example.org", PASSWORD)
    stranger = _user()
    assert stranger.org_id is None  # no organisation role until approved
    request = db.session.scalar(select(Membership).where(Membership.user_id == stranger.id))
    assert (request.org_id, request.verification_status) == (university.id, "pending")
    # The organisation's match case (with its notes) stays hidden: 404, not in the list.
    assert client.get(f"/cases/{case.id}").status_code == 404
    assert f"/cases/{case.id}" not in text(client.get("/cases"))
    assert client.get("/achievements/new").status_code in {403, 404}


def test_org_admin_approves_or_refuses_with_a_reason_and_others_cannot(client, db_session):
    org = OrganisationFactory(name="兰州某大学")
    admin = UserFactory(role="org_admin", organisation=org)
    other_admin = UserFactory(role="org_admin")
    db_session.commit()
    _register(client, org_id=str(org.id))
    client.post("/logout")
    _register(client, org_id=str(org.id), email="second@example.org")
    client.post("/logout")
    first, second = (db.session.scalar(select(Membership).where(Membership.user_id == u.id))
                     for u in (_user(), _user("second@example.org")))
    login(client, other_admin)  # an administrator of another organisation
    assert client.get("/account/membership-requests").status_code == 200
    assert "stranger@example.org" not in text(client.get("/account/membership-requests"))
    assert client.post(f"/account/membership-requests/{first.id}",
                       data={"decision": "approve"}).status_code == 403
    assert _user().org_id is None
    client.post("/logout")
    login(client, admin)
    assert "stranger@example.org" in text(client.get("/account/membership-requests"))
    response = client.post(f"/account/membership-requests/{second.id}",
                           data={"decision": "refuse"})
    assert response.status_code == 422 and "理由" in text(response)
    client.post(f"/account/membership-requests/{second.id}",
                data={"decision": "refuse", "reason": "非本校人员"})
    client.post(f"/account/membership-requests/{first.id}", data={"decision": "approve"})
    assert (_user().org_id, _user().role) == (org.id, "publisher")
    assert _user("second@example.org").org_id is None
    actions = {e.action for e in db.session.scalars(select(AuditEntry))}
    assert {"membership.request", "membership.approve", "membership.refuse"} <= actions


def test_refused_registrations_are_audited(client, db_session):
    response = _register(client, org_mode="new", org_name="兰州大学", org_credit_code="bogus",
                         org_kind="university", org_region="620100")
    assert response.status_code == 422
    entry = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "registration.refuse"))
    assert entry is not None and "org_credit_code" in entry.details["fields"]
    assert PASSWORD not in str(entry.details) + entry.summary
