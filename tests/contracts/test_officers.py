"""Registry officers: the platform administrator appoints and removes them (page and
command line, audited); importing counted contracts is theirs, for their zone only."""

import io

import pytest
from sqlalchemy import func, select

from matchhub.audit.models import AuditEntry
from matchhub.contracts.models import Contract, RegistryOfficer
from matchhub.core.extensions import db
from tests.contracts.helpers import CSV_HEADERS, csv_row
from tests.contracts.people import broker, officer, platform_admin, zone_admin
from tests.imports.helpers import csv_bytes
from tests.web.helpers import login, text

LANZHOU, BAIYIN = "620100", "620400"


def appoint_form(email: str, zone: str = LANZHOU, office: str = "兰州市技术市场管理办公室"):
    return {"email": email, "zone_code": zone, "office_name": office}


def in_office() -> list[RegistryOfficer]:
    return list(db.session.scalars(select(RegistryOfficer).where(
        RegistryOfficer.removed_at.is_(None))))


@pytest.mark.parametrize("who", [broker, lambda: zone_admin(LANZHOU),
                                 lambda: officer(LANZHOU)])
def test_only_platform_admins_appoint_officers(client, db_session, who):
    candidate = zone_admin(LANZHOU)
    user = who()
    db_session.commit()
    login(client, user)
    assert client.get("/contracts/officers").status_code == 403
    assert client.post("/contracts/officers",
                       data=appoint_form(candidate.email)).status_code == 403
    assert [o.user_id for o in in_office()] in ([], [user.id])


def test_anonymous_is_sent_to_sign_in(client, db_session):
    response = client.post("/contracts/officers", data=appoint_form("x@example.com"))
    assert response.status_code == 302 and "/login" in response.location


def test_platform_admin_appoints_and_removes_an_officer(client, db_session):
    candidate = zone_admin(LANZHOU)
    db_session.commit()
    login(client, platform_admin())
    response = client.post("/contracts/officers", data=appoint_form(candidate.email))
    assert response.status_code == 302, text(response)
    [appointed] = in_office()
    assert (appointed.user_id, appointed.zone_code) == (candidate.id, LANZHOU)
    page = text(client.get("/contracts/officers"))
    assert candidate.email in page and "兰州市技术市场管理办公室" in page
    again = client.post("/contracts/officers", data=appoint_form(candidate.email))
    assert again.status_code == 409
    assert client.post(f"/contracts/officers/{appointed.id}/removal").status_code == 302
    assert in_office() == []
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"officer.appoint", "officer.remove"} <= actions


def test_only_zone_admin_accounts_can_be_appointed(client, db_session):
    member = broker()
    db_session.commit()
    login(client, platform_admin())
    response = client.post("/contracts/officers", data=appoint_form(member.email))
    assert response.status_code == 422
    assert "示范区管理员" in text(response)
    unknown = client.post("/contracts/officers", data=appoint_form("nobody@example.com"))
    assert unknown.status_code == 422
    assert in_office() == []


def test_a_removed_officer_no_longer_confirms(client, db_session):
    from matchhub.contracts import officers

    user = officer(LANZHOU)
    [appointment] = in_office()
    officers.remove(db.session, platform_admin(), appointment.id)
    db_session.commit()
    login(client, user)
    assert client.get("/contracts/import").status_code == 403


def test_command_line_appoints_lists_and_removes(runner, db_session):
    candidate = zone_admin(BAIYIN)
    db_session.commit()
    result = runner.invoke(args=["contracts", "appoint-officer", candidate.email, BAIYIN,
                                 "白银市技术市场管理办公室"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(args=["contracts", "officers"])
    assert candidate.email in listed.output and BAIYIN in listed.output
    refused = runner.invoke(args=["contracts", "appoint-officer", candidate.email, "999999",
                                  "某办公室"])
    assert refused.exit_code != 0 and "示范区" in refused.output
    [appointed] = in_office()
    removed = runner.invoke(args=["contracts", "remove-officer", str(appointed.id)])
    assert removed.exit_code == 0, removed.output
    assert in_office() == []


# --- importing counted contracts ---------------------------------------------------------

def post_file(client, data: bytes, name="合同.csv", headers=None, url="/contracts/import"):
    return client.post(url, data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers=headers or {})


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Contract))


@pytest.mark.parametrize("who", [broker, lambda: zone_admin(LANZHOU)])
def test_non_officers_cannot_import(client, db_session, who):
    login(client, who())
    assert client.get("/contracts/import").status_code == 403
    assert post_file(client, csv_bytes(CSV_HEADERS, [csv_row(1)])).status_code == 403
    assert count() == 0


def test_an_officer_imports_own_zone_rows_counted(client, db_session):
    login(client, officer(LANZHOU))
    response = post_file(client, csv_bytes(CSV_HEADERS, [csv_row(1), csv_row(2)]))
    assert response.status_code == 303, text(response)  # to the job's page
    assert "新登记 2 份" in text(client.get(response.location))
    assert {c.status for c in db.session.scalars(select(Contract))} == {"active"}


def test_rows_of_another_zone_are_refused_by_row_and_field(client, db_session):
    login(client, officer(LANZHOU))
    rows = [csv_row(1), csv_row(2, 卖方地区代码=BAIYIN)]
    response = post_file(client, csv_bytes(CSV_HEADERS, rows))
    assert response.status_code == 303  # the job (run in the request here) failed
    assert "<td>3</td><td>卖方地区代码</td>" in text(client.get(response.location))
    assert count() == 0


def test_api_import_by_another_zones_officer_names_the_row(client, db_session):
    from tests.api.helpers import bearer

    headers = bearer(officer(BAIYIN), ["contracts:read", "contracts:write"])
    response = post_file(client, csv_bytes(CSV_HEADERS, [csv_row(1)]), headers=headers,
                         url="/api/v1/contracts/import")
    assert response.status_code == 202 and response.json["status"] == "failed"
    assert response.json["report"]["errors"][0]["row"] == 2
    assert response.json["report"]["errors"][0]["field"] == "卖方地区代码"
    assert count() == 0
