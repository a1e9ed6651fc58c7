"""Uploaded files are what their names say, are served so that no browser runs them, and a
replaced file leaves the disk with the commit that replaces it; /health shows its details
only to platform admins."""

import io
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from matchhub.core.extensions import db
from matchhub.zones.models import ReportedValue
from matchhub.zones.programme import plans
from tests.factories import UserFactory
from tests.web.helpers import field_error, login, text
from tests.zones.helpers import LANZHOU, platform_admin, zone_admin

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
PLAN = f"/zones/{LANZHOU}/plan"
ENTRIES = f"/zones/{LANZHOU}/entries/2016"


def _save_plan(client, document, name="方案.pdf"):
    data = {"title": "兰州市示范区建设方案", "start_year": "2015", "end_year": "2017",
            "target_volume": "50000", "save": "1", "document": (io.BytesIO(document), name)}
    return client.post(PLAN, data=data, content_type="multipart/form-data")


def _evidence(client, data, name):
    form = {"value-code": "maker_spaces", "value-value": "3", "value-source_note": "统计公报",
            "value-evidence": (io.BytesIO(data), name)}
    return client.post(ENTRIES + "/values", data=form, content_type="multipart/form-data")


def _documents() -> list[str]:
    folder = Path(current_app.config["DATA_DIR"]) / "zone_documents"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_html_saved_as_an_image_is_refused_as_evidence(client):
    login(client, zone_admin())
    response = _evidence(client, HTML, "统计公报.png")
    assert response.status_code == 422
    assert "内容与扩展名不符" in field_error(text(response), "value-evidence")
    assert db.session.scalar(select(func.count()).select_from(ReportedValue)) == 0


def test_html_saved_as_a_pdf_is_refused_as_a_plan_document(client):
    login(client, zone_admin())
    response = _save_plan(client, HTML)
    assert response.status_code == 422
    assert "内容与扩展名不符" in field_error(text(response), "document")


def test_evidence_is_served_as_an_attachment_that_is_not_sniffed(client):
    login(client, zone_admin())
    png = b"\x89PNG\r\n\x1a\n" + bytes(32)
    assert _evidence(client, png, "照片.png").status_code == 302
    row = db.session.scalars(select(ReportedValue)).one()
    response = client.get(f"{ENTRIES}/evidence/{row.id}")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_a_replaced_plan_document_leaves_the_disk_after_the_commit(client):
    before = set(_documents())
    login(client, zone_admin())
    assert _save_plan(client, b"%PDF-1.4 first").status_code == 302
    first = set(_documents()) - before
    assert len(first) == 1
    assert _save_plan(client, b"%PDF-1.4 second", "方案2.pdf").status_code == 302
    second = set(_documents()) - before
    assert len(second) == 1 and second != first
    assert client.get(PLAN + "/document").data == b"%PDF-1.4 second"


def test_a_rolled_back_replacement_keeps_the_old_document(tmp_path):
    user = zone_admin()
    data = plans.PlanInput(title="方案", start_year=2015, end_year=2017,
                           target_volume="50000", target_unit="万元")
    plan = plans.save_plan(db.session, user, LANZHOU, data,
                           plans.Upload("a.pdf", b"%PDF-1.4 a"), tmp_path)
    db.session.commit()
    old = plan.document_path
    plans.save_plan(db.session, user, LANZHOU, data, plans.Upload("b.pdf", b"%PDF-1.4 b"),
                    tmp_path)
    db.session.rollback()
    assert [p.name for p in (tmp_path / "zone_documents").iterdir()] == [old]


def test_health_shows_details_to_platform_admins_only(client):
    anonymous = client.get("/health")
    assert anonymous.status_code == 200 and anonymous.get_json() == {"status": "ok"}
    login(client, UserFactory(role="publisher"))
    assert client.get("/health").get_json() == {"status": "ok"}
    client.post("/logout")
    login(client, platform_admin())
    details = client.get("/health").get_json()
    assert details["status"] == "ok" and details["search"]["ok"] is True
