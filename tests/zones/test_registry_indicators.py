"""Indicators 3-5 from verified records: brokers and institutions submit through the
pages, the platform decides through the queue, and the counts as of a date come from the
verification history, so later revocations, expiries and new entries leave earlier dates
alone. The province counts only entries located in the province; each count links to the
list it counted."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from matchhub.accounts import verification
from matchhub.accounts.models import BrokerProfile, InstitutionProfile
from matchhub.core.extensions import db
from matchhub.zones.statistics.registry_stats import registry_counts
from tests.factories import OrganisationFactory, UserFactory
from tests.web.helpers import login, text

SHANGHAI = ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.4\n% certificate scan\n"


@pytest.fixture
def decided_at(monkeypatch):
    """Set the time verification decisions are taken at."""
    def set_time(year, month, day):
        moment = dt.datetime(year, month, day, 10, tzinfo=SHANGHAI)
        monkeypatch.setattr(verification, "now", lambda: moment)
    return set_time


def _evidence(name):
    return {"evidence": (io.BytesIO(PDF), name)}


def _submit_credential(client, broker, certificate, issued, expires=""):
    login(client, broker)
    response = client.post("/account/verification/credential", data={
        "level": "intermediate", "certificate_no": certificate, "issuer": "甘肃省科技厅",
        "issued_on": issued, "expires_on": expires, **_evidence("证书.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302, text(response)
    client.post("/logout")
    return db.session.scalar(select(BrokerProfile).where(BrokerProfile.user_id == broker.id))


def _submit_designation(client, org_admin, level="national", year="2024"):
    login(client, org_admin)
    response = client.post("/account/verification/designation", data={
        "level": level, "batch": "第五批", "year": year, **_evidence("认定文件.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302, text(response)
    client.post("/logout")
    return db.session.scalar(select(InstitutionProfile)
                             .where(InstitutionProfile.org_id == org_admin.org_id))


def _decide(client, admin, kind, record_id, decision, **extra):
    login(client, admin)
    response = client.post(f"/admin/verifications/{kind}/{record_id}",
                           data={"decision": decision, **extra})
    assert response.status_code == 302, text(response)
    client.post("/logout")


def _broker(region="620100", name="王经纪"):
    org = OrganisationFactory(region_code=region, kind="transfer_institution")
    return UserFactory(role="broker", organisation=org, display_name=name)


def _institution_admin(region="620100"):
    org = OrganisationFactory(region_code=region, kind="transfer_institution")
    return UserFactory(role="org_admin", organisation=org)


def _counts(day):
    found = registry_counts(db.session, day)
    return {code: dict(counter) for code, counter in found.items()}


def test_counts_come_from_verified_records_and_stay_fixed_for_past_dates(
        client, db_session, decided_at):
    admin = UserFactory(role="platform_admin", organisation=None)
    broker, expiring = _broker(), _broker(name="赵经纪")
    lanzhou_admin, beijing_admin = _institution_admin(), _institution_admin("110000")
    db_session.commit()
    profile = _submit_credential(client, broker, "GS-JJR-001", "2024-06-01")
    short = _submit_credential(client, expiring, "GS-JJR-002", "2024-01-01", "2025-06-30")
    national = _submit_designation(client, lanzhou_admin)
    outside = _submit_designation(client, beijing_admin)
    # Pending records count nowhere.
    assert _counts(dt.date(2025, 12, 31))["professional_brokers"] == {}
    decided_at(2025, 3, 1)
    for kind, record in (("broker", profile), ("broker", short), ("institution", national),
                         ("institution", outside)):
        _decide(client, admin, kind, record.id, "approve")
    before = _counts(dt.date(2025, 12, 31))
    assert before["professional_brokers"] == {"620100": 1}  # the other one expired
    assert _counts(dt.date(2025, 6, 30))["professional_brokers"] == {"620100": 2}
    assert before["national_transfer_institutions"] == {"620100": 1}  # Beijing is not counted
    assert _counts(dt.date(2025, 2, 28))["national_transfer_institutions"] == {}
    # Later: the broker is revoked and a second institution is designated.
    decided_at(2026, 2, 1)
    _decide(client, admin, "broker", profile.id, "revoke", reason="证书被注销")
    second = _submit_designation(client, _institution_admin_committed(db_session))
    _decide(client, admin, "institution", second.id, "approve")
    assert _counts(dt.date(2025, 12, 31)) == before
    after = _counts(dt.date(2026, 3, 1))
    assert after["professional_brokers"] == {}
    assert after["national_transfer_institutions"] == {"620100": 2}


def _institution_admin_committed(db_session):
    user = _institution_admin()
    db_session.commit()
    return user


def test_dashboard_counts_link_to_the_lists_they_counted(client, db_session, decided_at):
    admin = UserFactory(role="platform_admin", organisation=None)
    broker = _broker(name="孙经纪")
    db_session.commit()
    profile = _submit_credential(client, broker, "GS-JJR-009", "2024-06-01")
    decided_at(2025, 3, 1)
    _decide(client, admin, "broker", profile.id, "approve")
    login(client, admin)
    zone_page = text(client.get("/zones/620100?year=2025"))
    assert "/zones/620100/registry/professional_brokers?year=2025" in zone_page
    assert "/zones/registry/professional_brokers?year=2025" in text(client.get("/zones?year=2025"))
    listed = text(client.get("/zones/620100/registry/professional_brokers?year=2025"))
    assert "孙经纪" in listed and "GS-JJR-009" in listed and "合计 1 人" in listed
    province = text(client.get("/zones/registry/professional_brokers?year=2025"))
    assert "孙经纪" in province and "合计 1 人" in province
    assert "合计 0 人" in text(client.get("/zones/620100/registry/professional_brokers?year=2024"))
    assert client.get("/zones/620100/registry/maker_spaces").status_code == 404
    client.post("/logout")
    assert client.get("/zones/registry/professional_brokers").status_code in {302, 401}
