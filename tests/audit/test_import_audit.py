"""Batch imports are audited through every door (web page, API, command line): who, which
file, rows written or refused, and the outcome. A refused import keeps its entry although
the rows themselves are rolled back."""

import io

from sqlalchemy import func, select

from matchhub.audit.models import AuditEntry
from matchhub.catalog.models import Achievement
from matchhub.contracts.models import Contract
from matchhub.core.extensions import db
from tests.api.helpers import bearer
from tests.contracts.helpers import CSV_HEADERS, csv_row
from tests.contracts.people import broker, platform_admin
from tests.imports.helpers import ACHIEVEMENT_HEADERS, achievement_row, csv_bytes, publisher
from tests.web.helpers import login


def _imports() -> list[AuditEntry]:
    stmt = select(AuditEntry).where(AuditEntry.action.startswith("import.")).order_by(
        AuditEntry.id)
    return list(db.session.scalars(stmt))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _facts(entry: AuditEntry) -> tuple:
    d = entry.details
    return (entry.action, entry.actor_id, d["file"], d["via"], d["outcome"], d["total"],
            d["written"], d["refused"])


def _upload(client, url, data: bytes, name: str, headers=None, **form):
    return client.post(url, data={"file": (io.BytesIO(data), name), **form}, headers=headers,
                       content_type="multipart/form-data")


GOOD = [achievement_row(1), achievement_row(2)]
BAD = [achievement_row(1), achievement_row(2, **{"报价(万元)": "abc"}),
       achievement_row(3, **{"成熟度(TRL)": "TRL 12"})]


def test_catalogue_imports_on_the_web_page_are_audited(client):
    user = publisher()
    db.session.commit()
    login(client, user)
    refused = _upload(client, "/imports/", csv_bytes(ACHIEVEMENT_HEADERS, BAD), "坏.csv",
                      item_type="achievement")
    assert refused.status_code == 422
    accepted = _upload(client, "/imports/", csv_bytes(ACHIEVEMENT_HEADERS, GOOD), "好.csv",
                       item_type="achievement")
    assert accepted.status_code == 200
    assert _count(Achievement) == 2
    failed, ok = _imports()
    assert _facts(failed) == ("import.catalog", user.id, "坏.csv", "web", "failed", 3, 0, 2)
    assert _facts(ok) == ("import.catalog", user.id, "好.csv", "web", "ok", 2, 2, 0)
    assert ok.details["item_type"] == "achievement"


def test_catalogue_imports_through_the_api_are_audited_including_denials(client):
    user, reader = publisher(), publisher()
    auth = bearer(user)
    url = "/api/v1/imports/achievement"
    assert _upload(client, url, csv_bytes(ACHIEVEMENT_HEADERS, BAD), "坏.csv", auth).status_code \
        == 422
    assert _upload(client, url, csv_bytes(ACHIEVEMENT_HEADERS, GOOD), "好.csv", auth).status_code \
        == 201
    brokers = bearer(broker())  # brokers cannot publish achievements
    denied = _upload(client, url, csv_bytes(ACHIEVEMENT_HEADERS, GOOD), "越权.csv", brokers)
    assert denied.status_code == 403
    assert _count(Achievement) == 2
    got = [_facts(e)[2:] for e in _imports()]
    assert got == [("坏.csv", "api", "failed", 3, 0, 2), ("好.csv", "api", "ok", 2, 2, 0),
                   ("越权.csv", "api", "denied", None, 0, 0)]
    assert reader.id not in {e.actor_id for e in _imports()}


def test_catalogue_imports_on_the_command_line_are_audited(runner, tmp_path):
    user = publisher()
    db.session.commit()
    bad, good = tmp_path / "坏.csv", tmp_path / "好.csv"
    bad.write_bytes(csv_bytes(ACHIEVEMENT_HEADERS, BAD))
    good.write_bytes(csv_bytes(ACHIEVEMENT_HEADERS, GOOD))
    for path in (bad, good):
        runner.invoke(args=["catalog", "import", str(path), "--type", "achievement",
                            "--user", user.email])
    assert [_facts(e) for e in _imports()] == [
        ("import.catalog", user.id, "坏.csv", "cli", "failed", 3, 0, 2),
        ("import.catalog", user.id, "好.csv", "cli", "ok", 2, 2, 0)]


def test_contract_imports_are_audited_through_every_door(client, runner, tmp_path):
    admin = platform_admin()
    auth = bearer(admin, ["contracts:read", "contracts:write"])
    login(client, admin)
    bad = csv_bytes(CSV_HEADERS, [csv_row(1), csv_row(2, **{"合同类型": "魔法合同"})])
    # imported by jobs (run in the request here): the page redirects to the job's page
    assert _upload(client, "/contracts/import", bad, "坏合同.csv").status_code == 303
    assert _upload(client, "/contracts/import", csv_bytes(CSV_HEADERS, [csv_row(1)]),
                   "合同1.csv").status_code == 303
    assert _upload(client, "/api/v1/contracts/import", csv_bytes(CSV_HEADERS, [csv_row(2)]),
                   "合同2.csv", auth).status_code == 202
    path = tmp_path / "合同3.csv"
    path.write_bytes(csv_bytes(CSV_HEADERS, [csv_row(1), csv_row(3)]))
    assert runner.invoke(args=["contracts", "import", str(path)]).exit_code == 0
    assert _count(Contract) == 3
    assert [_facts(e) for e in _imports()] == [
        ("import.contracts", admin.id, "坏合同.csv", "web", "failed", 2, 0, 1),
        ("import.contracts", admin.id, "合同1.csv", "web", "ok", 1, 1, 0),
        ("import.contracts", admin.id, "合同2.csv", "api", "ok", 1, 1, 0),
        ("import.contracts", None, "合同3.csv", "cli", "ok", 2, 1, 0)]
    assert _imports()[-1].details["unchanged"] == 1
