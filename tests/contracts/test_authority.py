"""认定登记: brokers, institutions and parties submit contracts with the signed file; only
a registry officer of the SELLER's zone (or a platform administrator) confirms, returns,
corrects and cancels them, and only confirmed contracts move any figure. Every denial is
tried through HTTP."""

import io
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from matchhub.audit.models import AuditEntry
from matchhub.contracts.models import Contract, ContractChange
from matchhub.core.extensions import db
from tests.api.helpers import bearer
from tests.contracts.helpers import PDF, contract_input
from tests.contracts.people import (
    attach_file,
    broker,
    officer,
    org_admin,
    platform_admin,
    register,
    zone_admin,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.web.helpers import field_error, login, text

LANZHOU, BAIYIN = "620100", "620400"
WRITE = ["contracts:read", "contracts:write"]
# The first contract's number (2016620100000001) written in full-width digits.
FULL_WIDTH_FIRST = "2016620100000001".translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})


def form_data(n: int = 1, **changes) -> dict:
    data = contract_input(n, **changes)
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def with_file(data: dict, name: str = "合同.pdf", content: bytes = PDF) -> dict:
    return {**data, "evidence": (io.BytesIO(content), name)}


def zone_volume(client, zone: str = LANZHOU) -> Decimal:
    # The province's reader: a zone's full figures are for its officials and the province.
    reader = bearer(UserFactory(role="platform_admin", organisation=None), ["catalog:read"])
    response = client.get(f"/api/v1/zones/report?year=2016&zone={zone}", headers=reader)
    assert response.status_code == 200
    return Decimal(response.json["zones"][0]["indicators"]["contract_volume_output"]["value"])


def cli_volume(runner, zone: str = LANZHOU) -> Decimal:
    result = runner.invoke(args=["zones", "report", "--year", "2016", "--zone", zone, "--json"])
    assert result.exit_code == 0, result.output
    zone_report = json.loads(result.output)["zones"][0]
    return Decimal(zone_report["indicators"]["contract_volume_output"]["value"])


def submitted(n: int = 1, by=None, **changes) -> Contract:
    """A contract a verified broker submitted with its file (pending)."""
    contract = register(by or broker(), n, **changes)
    assert contract.status == "pending"
    return attach_file(contract)


def unverified_member():
    return UserFactory(role="publisher", organisation=OrganisationFactory(verified=False))


def verified_member():
    return UserFactory(role="publisher")


# --- submitting -----------------------------------------------------------------------------

def test_a_submission_without_the_signed_file_is_refused(client, db_session):
    login(client, broker())
    response = client.post("/contracts/new", data=form_data(1))
    assert response.status_code == 422
    assert "合同文本" in field_error(text(response), "evidence")
    assert db.session.scalar(select(Contract)) is None


def test_a_file_that_is_not_what_its_name_says_is_refused(client, db_session):
    login(client, broker())
    response = client.post("/contracts/new", data=with_file(form_data(1), content=b"<html>"),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "文件内容与扩展名不符" in field_error(text(response), "evidence")
    assert db.session.scalar(select(Contract)) is None


@pytest.mark.parametrize("who", [broker, verified_member, org_admin, zone_admin])
def test_submitters_contracts_are_pending(client, db_session, who):
    user = who()
    db_session.commit()
    login(client, user)
    response = client.post("/contracts/new", data=with_file(form_data(1)),
                           content_type="multipart/form-data")
    assert response.status_code == 302, text(response)
    contract = db.session.scalar(select(Contract))
    assert contract.status == "pending"
    assert contract.evidence_name == "合同.pdf"
    assert client.get(f"/contracts/{contract.id}/evidence").data == PDF


def test_an_unverified_member_cannot_submit(client, db_session):
    login(client, unverified_member())
    assert client.post("/contracts/new", data=with_file(form_data(1)),
                       content_type="multipart/form-data").status_code == 403
    assert db.session.scalar(select(Contract)) is None


def test_an_officer_of_the_seller_zone_registers_directly(client, db_session):
    login(client, officer(LANZHOU))
    response = client.post("/contracts/new", data=form_data(1))
    assert response.status_code == 302, text(response)
    contract = db.session.scalar(select(Contract))
    assert contract.status == "active"
    assert contract.confirmed_by_id is not None


def test_lanzhou_admin_registering_a_baiyin_sale_does_not_count(client, db_session):
    login(client, zone_admin(LANZHOU))
    data = with_file(form_data(1, seller_region_code=BAIYIN, buyer_region_code=LANZHOU))
    assert client.post("/contracts/new", data=data,
                       content_type="multipart/form-data").status_code == 302
    assert db.session.scalar(select(Contract)).status == "pending"
    assert zone_volume(client, BAIYIN) == Decimal("0.00")


def test_lanzhou_officer_registering_a_baiyin_sale_does_not_count(client, db_session):
    login(client, officer(LANZHOU))
    data = with_file(form_data(1, seller_region_code=BAIYIN, buyer_region_code=LANZHOU))
    assert client.post("/contracts/new", data=data,
                       content_type="multipart/form-data").status_code == 302
    assert db.session.scalar(select(Contract)).status == "pending"


# --- confirming: the figure moves only then ------------------------------------------------

def test_the_zone_figure_changes_only_at_confirmation(client, runner, db_session):
    register(platform_admin(), 1, volume="1000.00", tech_income="1000.00")
    contract = submitted(2, volume="900000000.00")
    lanzhou_officer = officer(LANZHOU)
    db_session.commit()
    assert zone_volume(client) == Decimal("1000.00")
    assert cli_volume(runner) == Decimal("1000.00")
    login(client, lanzhou_officer)
    page = text(client.get(f"/contracts/{contract.id}"))
    assert "认定登记（计入统计）" in page
    response = client.post(f"/contracts/{contract.id}/recognition",
                           data={"registration_number": " 2016620100000002 "})
    assert response.status_code == 302, text(response)
    client.post("/logout")
    assert zone_volume(client) == Decimal("900001000.00")
    assert cli_volume(runner) == Decimal("900001000.00")
    db.session.expire_all()
    confirmed = db.session.get(Contract, contract.id)
    assert (confirmed.status, confirmed.confirmed_by_id) == ("active", lanzhou_officer.id)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "contract.confirm"))


def test_the_officer_gives_the_registration_number_normalised_and_unique(client, db_session):
    register(platform_admin(), 1)
    contract = submitted(2)
    lanzhou_officer = officer(LANZHOU)
    db_session.commit()
    login(client, lanzhou_officer)
    taken = client.post(f"/contracts/{contract.id}/recognition",
                        data={"registration_number": FULL_WIDTH_FIRST})
    assert taken.status_code == 422
    assert "已存在" in field_error(text(taken), "registration_number")
    given = client.post(f"/contracts/{contract.id}/recognition",
                        data={"registration_number": "gs-2016-0077"})
    assert given.status_code == 302
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).registration_number == "GS-2016-0077"


def test_a_submission_without_its_file_cannot_be_confirmed(client, db_session):
    contract = register(broker(), 1)
    lanzhou_officer = officer(LANZHOU)
    db_session.commit()
    login(client, lanzhou_officer)
    response = client.post(f"/contracts/{contract.id}/recognition",
                           data={"registration_number": contract.registration_number})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).status == "pending"


def _deniers():
    """Everyone but an officer of the seller's zone and platform administrators."""
    return {"submitting broker": None, "another broker": broker,
            "org member": verified_member, "unverified member": unverified_member,
            "zone admin, not officer": lambda: zone_admin(LANZHOU),
            "officer of another zone": lambda: officer(BAIYIN)}


@pytest.mark.parametrize("who", list(_deniers()))
def test_only_the_seller_zones_officer_confirms_or_returns(client, db_session, who):
    submitter = broker()
    contract = submitted(1, by=submitter)
    user = _deniers()[who]() if _deniers()[who] else submitter
    db_session.commit()
    login(client, user)
    confirm = client.post(f"/contracts/{contract.id}/recognition",
                          data={"registration_number": contract.registration_number})
    back = client.post(f"/contracts/{contract.id}/return", data={"return-reason": "不行"})
    assert (confirm.status_code, back.status_code) in {(403, 403), (404, 404)}
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).status == "pending"


def test_anonymous_cannot_confirm(client, db_session):
    contract = submitted(1)
    response = client.post(f"/contracts/{contract.id}/recognition",
                           data={"registration_number": contract.registration_number})
    assert response.status_code == 302 and "/login" in response.location
    assert db.session.get(Contract, contract.id).status == "pending"


def test_a_platform_admin_confirms_any_zone(client, db_session):
    contract = submitted(1, seller_region_code=BAIYIN)
    admin = platform_admin()
    db_session.commit()
    login(client, admin)
    assert client.post(f"/contracts/{contract.id}/recognition",
                       data={"registration_number": contract.registration_number}
                       ).status_code == 302
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).status == "active"


# --- returning and resubmitting -------------------------------------------------------------

def test_returned_contract_is_fixed_and_resubmitted(client, db_session):
    submitter = broker()
    contract = submitted(1, by=submitter)
    lanzhou_officer = officer(LANZHOU)
    db_session.commit()
    login(client, lanzhou_officer)
    assert client.post(f"/contracts/{contract.id}/return", data={"return-reason": ""}
                       ).status_code == 422
    assert client.post(f"/contracts/{contract.id}/return",
                       data={"return-reason": "成交额与合同文本不符"}).status_code == 302
    client.post("/logout")
    login(client, submitter)
    page = text(client.get(f"/contracts/{contract.id}"))
    assert "已退回" in page and "成交额与合同文本不符" in page
    response = client.post(f"/contracts/{contract.id}/edit",
                           data=form_data(1, volume="1200000.00"))
    assert response.status_code == 302, text(response)
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).status == "pending"
    actions = [c.action for c in db.session.scalars(select(ContractChange).where(
        ContractChange.contract_id == contract.id).order_by(ContractChange.id))]
    assert actions == ["submit", "return", "update", "submit"]


# --- corrections and cancellations of confirmed contracts -----------------------------------

def confirmed(n: int = 1, **changes) -> Contract:
    return register(platform_admin(), n, **changes)


@pytest.mark.parametrize("who", ["submitter", "zone admin, not officer",
                                 "officer of another zone"])
def test_only_officers_correct_or_cancel_confirmed_contracts(client, db_session, who):
    submitter = broker()
    contract = submitted(1, by=submitter)
    contract.status = "active"  # confirmed by the zone's officer
    user = {"submitter": submitter, "zone admin, not officer": zone_admin(LANZHOU),
            "officer of another zone": officer(BAIYIN)}[who]
    db_session.commit()
    login(client, user)
    edit = client.post(f"/contracts/{contract.id}/edit",
                       data={**form_data(1, volume="80000000.00"), "reason": "x"})
    cancel = client.post(f"/contracts/{contract.id}/cancel", data={"reason": "x"})
    assert edit.status_code in {403, 404} and cancel.status_code in {403, 404}
    db.session.expire_all()
    kept = db.session.get(Contract, contract.id)
    assert (kept.status, kept.volume) == ("active", Decimal("1250000.50"))


def test_a_correction_needs_a_reason_and_is_shown_with_it(client, db_session):
    contract = confirmed(1)
    lanzhou_officer = officer(LANZHOU)
    db_session.commit()
    login(client, lanzhou_officer)
    refused = client.post(f"/contracts/{contract.id}/edit", data=form_data(1, volume="2000.00",
                                                                           tech_income="2000"))
    assert refused.status_code == 422
    assert "更正原因" in field_error(text(refused), "reason")
    response = client.post(f"/contracts/{contract.id}/edit",
                           data={**form_data(1, volume="2000.00", tech_income="2000"),
                                 "reason": "按合同文本更正成交额"})
    assert response.status_code == 302, text(response)
    change = db.session.scalar(select(ContractChange).where(ContractChange.field == "volume"))
    assert (change.action, change.note, change.user_id) == (
        "correct", "按合同文本更正成交额", lanzhou_officer.id)
    page = text(client.get(f"/contracts/{contract.id}"))
    assert "更正" in page and "按合同文本更正成交额" in page
    assert db.session.get(Contract, contract.id).status == "active"


def test_a_correction_cannot_move_the_seller_out_of_the_officers_zone(client, db_session):
    contract = confirmed(1)
    lanzhou_officer = officer(LANZHOU)
    db_session.commit()
    login(client, lanzhou_officer)
    response = client.post(f"/contracts/{contract.id}/edit",
                           data={**form_data(1, seller_region_code=BAIYIN), "reason": "迁址"})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).seller_zone == LANZHOU


def test_lanzhou_admin_cannot_raise_a_baiyin_contract(client, db_session):
    contract = confirmed(1, seller_region_code=BAIYIN, buyer_region_code=LANZHOU,
                         volume="50000000.00", tech_income="50000000.00")
    lanzhou_admin = zone_admin(LANZHOU)
    db_session.commit()
    before = zone_volume(client, BAIYIN)
    login(client, lanzhou_admin)
    response = client.post(f"/contracts/{contract.id}/edit", data={**form_data(
        1, seller_region_code=BAIYIN, buyer_region_code=LANZHOU, volume="80000000.00",
        tech_income="50000000.00"), "reason": "x"})
    assert response.status_code == 403
    client.post("/logout")
    assert zone_volume(client, BAIYIN) == before == Decimal("50000000.00")


def test_an_officer_cancels_a_confirmed_contract_with_a_reason(client, db_session):
    contract = confirmed(1)
    lanzhou_officer = officer(LANZHOU)
    db_session.commit()
    login(client, lanzhou_officer)
    assert client.post(f"/contracts/{contract.id}/cancel", data={"reason": ""}
                       ).status_code == 422
    assert client.post(f"/contracts/{contract.id}/cancel", data={"reason": "重复登记"}
                       ).status_code == 302
    change = db.session.scalar(select(ContractChange).where(ContractChange.action == "cancel"))
    assert (change.note, change.user_id) == ("重复登记", lanzhou_officer.id)
    client.post("/logout")
    assert zone_volume(client) == Decimal("0.00")


# --- the API ----------------------------------------------------------------------------------

def _api_deniers():
    return {"broker": broker, "org member": verified_member,
            "unverified member": unverified_member,
            "zone admin, not officer": lambda: zone_admin(LANZHOU),
            "officer of another zone": lambda: officer(BAIYIN)}


@pytest.mark.parametrize("who", list(_api_deniers()))
def test_api_denials(client, db_session, who):
    pending = submitted(1)
    active = confirmed(2)
    headers = bearer(_api_deniers()[who](), WRITE)
    confirm = client.post(f"/api/v1/contracts/{pending.id}/confirmation", json={},
                          headers=headers)
    back = client.post(f"/api/v1/contracts/{pending.id}/return", json={"reason": "x"},
                       headers=headers)
    patch = client.patch(f"/api/v1/contracts/{active.id}",
                         json={"volume": "80000000.00", "reason": "x"}, headers=headers)
    cancel = client.post(f"/api/v1/contracts/{active.id}/cancel", json={"reason": "x"},
                         headers=headers)
    upload = client.post(f"/api/v1/contracts/{active.id}/evidence",
                         data={"file": (io.BytesIO(PDF), "假合同.pdf")},
                         content_type="multipart/form-data", headers=headers)
    for response in (confirm, back, patch, cancel, upload):
        assert response.status_code in {403, 404}, response.json
    db.session.expire_all()
    assert db.session.get(Contract, pending.id).status == "pending"
    assert db.session.get(Contract, active.id).volume == Decimal("1250000.50")
    assert db.session.get(Contract, active.id).evidence_name == ""


def test_api_anonymous_is_401(client, db_session):
    contract = submitted(1)
    response = client.post(f"/api/v1/contracts/{contract.id}/confirmation", json={})
    assert response.status_code == 401


def test_api_submit_upload_confirm_and_correct(client, db_session):
    submitter_headers = bearer(broker(), WRITE)
    officer_headers = bearer(officer(LANZHOU), WRITE)
    body = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in contract_input(1).items()}
    created = client.post("/api/v1/contracts/", json=body, headers=submitter_headers)
    assert created.status_code == 201 and created.json["status"] == "pending"
    contract_id = created.json["id"]
    early = client.post(f"/api/v1/contracts/{contract_id}/confirmation", json={},
                        headers=officer_headers)
    assert early.status_code == 422 and "evidence" in early.json["error"]["fields"]
    upload = client.post(f"/api/v1/contracts/{contract_id}/evidence",
                         data={"file": (io.BytesIO(PDF), "合同.pdf")},
                         content_type="multipart/form-data", headers=submitter_headers)
    assert upload.status_code == 200 and upload.json["evidence_name"] == "合同.pdf"
    done = client.post(f"/api/v1/contracts/{contract_id}/confirmation",
                       json={"registration_number": "gs-0001"}, headers=officer_headers)
    assert done.status_code == 200
    assert (done.json["status"], done.json["registration_number"]) == ("active", "GS-0001")
    no_reason = client.patch(f"/api/v1/contracts/{contract_id}", json={"name": "新名称"},
                             headers=officer_headers)
    assert no_reason.status_code == 422 and "reason" in no_reason.json["error"]["fields"]
    fixed = client.patch(f"/api/v1/contracts/{contract_id}",
                         json={"name": "新名称", "reason": "笔误"}, headers=officer_headers)
    assert fixed.status_code == 200
    corrected = [h for h in fixed.json["history"] if h["action"] == "correct"]
    assert [(h["field"], h["note"]) for h in corrected] == [("name", "笔误")]
    submitter_patch = client.patch(f"/api/v1/contracts/{contract_id}",
                                   json={"name": "再改", "reason": "x"},
                                   headers=submitter_headers)
    assert submitter_patch.status_code == 403


def test_indicator_provenance_shows_corrections_and_cancellations(client, db_session):
    corrected, cancelled = confirmed(1), confirmed(2)
    lanzhou_officer = officer(LANZHOU)
    db_session.commit()
    login(client, lanzhou_officer)
    client.post(f"/contracts/{corrected.id}/edit",
                data={**form_data(1, volume="2000.00", tech_income="2000"),
                      "reason": "按合同文本更正成交额"})
    client.post(f"/contracts/{cancelled.id}/cancel", data={"reason": "重复登记"})
    client.post("/logout")
    reader = bearer(UserFactory(role="platform_admin", organisation=None), ["catalog:read"])
    report = client.get(f"/api/v1/zones/report?year=2016&zone={LANZHOU}", headers=reader).json
    value = report["zones"][0]["indicators"]["contract_volume_output"]
    shown = [(a["registration_number"], a["action"], a["field"], a["reason"], a["by"])
             for a in value["provenance"]["amendments"]]
    assert shown == [
        (corrected.registration_number, "correct", "volume", "按合同文本更正成交额",
         lanzhou_officer.display_name),
        (corrected.registration_number, "correct", "tech_income", "按合同文本更正成交额",
         lanzhou_officer.display_name),
        (cancelled.registration_number, "cancel", "status", "重复登记",
         lanzhou_officer.display_name)]
    assert all(a["at"].endswith("+08:00") for a in value["provenance"]["amendments"])
