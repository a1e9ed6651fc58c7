"""Finding 5, verification: a new organisation is unverified until the platform or its
zone verifies it against its licence; until then its members may draft but not submit,
register contracts or open cases. Brokers act on cases only once their credential is
verified. Every submission and decision is audited."""

import io

from sqlalchemy import select

from matchhub.accounts.models import Organisation, User
from matchhub.audit.models import AuditEntry
from matchhub.core.extensions import db
from tests.cases.helpers import pair
from tests.contracts.helpers import contract_input
from tests.factories import AchievementFactory, BrokerFactory, UserFactory
from tests.factories.base import credit_code
from tests.web.helpers import confirm_and_login, login, text

PASSWORD = "a-long-enough-passphrase"
PDF = b"%PDF-1.4\n% licence scan\n"


def _register_new_org(client, role="publisher", kind="university", name="兰州大学"):
    response = client.post("/register", data={
        "display_name": "新机构注册人", "email": "founder@example.org", "password": PASSWORD,
        "password_confirm": PASSWORD, "role": role, "org_mode": "new", "org_name": name,
        "org_credit_code": credit_code(987), "org_kind": kind,
        "org_region": "620100"})
    assert response.status_code == 302, text(response)
    confirm_and_login(client, "founder@example.org", PASSWORD)
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == "founder@example.org"))


def test_members_of_a_new_organisation_draft_but_do_not_publish(client, db_session):
    founder = _register_new_org(client)
    org = founder.organisation
    assert org.name == "兰州大学" and org.verified is False
    draft = AchievementFactory(status="draft", created_by=founder, owner_org=org)
    db_session.commit()
    assert client.get(f"/achievements/{draft.id}/edit").status_code == 200  # may draft
    response = client.post(f"/achievements/{draft.id}/actions/submit")
    db.session.expire_all()
    assert response.status_code in {302, 403, 409}
    assert db.session.get(type(draft), draft.id).status == "draft"


def test_licence_upload_then_zone_verification_lets_them_publish(client, db_session):
    founder = _register_new_org(client)
    org_id = founder.org_id
    draft = AchievementFactory(status="draft", created_by=founder, owner_org=founder.organisation)
    other_zone = UserFactory(role="zone_admin", organisation=None, zone_code="620500")
    lanzhou = UserFactory(role="zone_admin", organisation=None, zone_code="620100")
    db_session.commit()
    # Verifying without a licence is refused, naming the field.
    client.post("/logout")
    login(client, lanzhou)
    assert client.post(f"/admin/verifications/organisation/{org_id}",
                       data={"decision": "approve"}).status_code == 422
    client.post("/logout")
    login(client, founder, PASSWORD)
    response = client.post("/account/verification/licence", data={
        "evidence": (io.BytesIO(PDF), "营业执照.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302, text(response)
    client.post("/logout")
    login(client, other_zone)  # not the organisation's zone
    assert "兰州大学" not in text(client.get("/admin/verifications"))
    assert client.post(f"/admin/verifications/organisation/{org_id}",
                       data={"decision": "approve"}).status_code == 403
    assert client.get(f"/admin/verifications/organisation/{org_id}/evidence").status_code == 403
    client.post("/logout")
    login(client, lanzhou)
    assert "营业执照.pdf" in text(client.get("/admin/verifications"))
    assert client.get(f"/admin/verifications/organisation/{org_id}/evidence").data == PDF
    assert client.post(f"/admin/verifications/organisation/{org_id}",
                       data={"decision": "approve"}).status_code == 302
    client.post("/logout")
    db.session.expire_all()
    org = db.session.get(Organisation, org_id)
    assert org.verified and org.verification_status == "verified"
    assert org.verified_by_id == lanzhou.id and org.verified_at is not None
    login(client, founder, PASSWORD)
    client.post(f"/achievements/{draft.id}/actions/submit")
    db.session.expire_all()
    assert db.session.get(type(draft), draft.id).status == "submitted"
    actions = [e.action for e in db.session.scalars(select(AuditEntry))]
    assert "verification.submit" in actions and "verification.approve" in actions


def test_refusing_a_licence_needs_a_reason_and_is_audited(client, db_session):
    founder = _register_new_org(client)
    client.post("/account/verification/licence", data={
        "evidence": (io.BytesIO(PDF), "执照.pdf")}, content_type="multipart/form-data")
    admin = UserFactory(role="platform_admin", organisation=None)
    db_session.commit()
    client.post("/logout")
    login(client, admin)
    url = f"/admin/verifications/organisation/{founder.org_id}"
    assert client.post(url, data={"decision": "refuse"}).status_code == 422
    assert client.post(url, data={"decision": "refuse", "reason": "名称与执照不符"}
                       ).status_code == 302
    db.session.expire_all()
    org = db.session.get(Organisation, founder.org_id)
    assert (org.verified, org.verification_status, org.decision_note) == (
        False, "refused", "名称与执照不符")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "verification.refuse"))


def test_members_of_unverified_organisations_register_no_contracts(client, db_session):
    founder = _register_new_org(client, role="broker", kind="transfer_institution",
                                name="某某技术转移中心")
    assert client.get("/contracts/new").status_code == 403
    data = {k: str(v) for k, v in contract_input(1).items()}
    assert client.post("/contracts/new", data=data).status_code == 403
    assert founder.org_id is not None


def test_unverified_broker_opens_and_works_no_case(client, db_session):
    wanted, offer = pair()
    broker = BrokerFactory(profile__verification_status="pending")
    db_session.commit()
    login(client, broker)
    response = client.post("/cases", data={"need_id": str(wanted.id),
                                           "achievement_id": str(offer.id)})
    assert response.status_code == 403
    client.post("/logout")
    # Once the platform verifies the credential, the same request opens the case.
    admin = UserFactory(role="platform_admin", organisation=None)
    broker.broker_profile.evidence_path = "cert.pdf"
    db_session.commit()
    login(client, admin)
    assert client.post(f"/admin/verifications/broker/{broker.broker_profile.id}",
                       data={"decision": "approve"}).status_code == 302
    client.post("/logout")
    login(client, broker)
    response = client.post("/cases", data={"need_id": str(wanted.id),
                                           "achievement_id": str(offer.id)})
    assert response.status_code == 302
