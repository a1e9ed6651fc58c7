"""The /contracts/import page: who may use it, the job page with the error table or the
counts (the job runs in the request here, IMPORT_JOB_RUNNER "inline"), the XLSX template."""

import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from matchhub.contracts.imports import SPEC
from matchhub.contracts.models import Contract
from matchhub.core.extensions import db
from tests.contracts.helpers import CSV_HEADERS, csv_row
from tests.contracts.people import broker, officer, platform_admin, zone_admin
from tests.imports.helpers import csv_bytes, xlsx_bytes
from tests.web.helpers import login, text


def post_file(client, data: bytes, name="合同.csv"):
    """Upload and follow the redirect to the job's page."""
    response = client.post("/contracts/import", data={"file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    if response.status_code != 303:
        return response
    assert "/contracts/import/jobs/" in response.headers["Location"]
    return client.get(response.headers["Location"])


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Contract))


def test_only_platform_admins_and_officers_may_import(client):
    assert client.get("/contracts/import").status_code == 302
    login(client, broker())
    assert client.get("/contracts/import").status_code == 403
    assert client.get("/contracts/import/template.xlsx").status_code == 403
    assert post_file(client, csv_bytes(CSV_HEADERS, [csv_row(1)])).status_code == 403
    assert count() == 0


def test_bad_file_shows_the_row_table_and_writes_nothing(client):
    login(client, platform_admin())
    rows = [csv_row(1), csv_row(2, **{"合同类型": "魔法合同"}),
            csv_row(3, **{"成交额(元)": "12.345"})]
    response = post_file(client, csv_bytes(CSV_HEADERS, rows))
    assert response.status_code == 200
    page = text(response)
    assert "导入失败，未导入任何合同" in page
    assert "<td>3</td><td>合同类型</td>" in page
    assert "<td>4</td><td>成交额(元)</td>" in page
    assert count() == 0


def test_success_shows_counts_and_reimport_changes_nothing(client):
    login(client, officer("620100"))
    data = xlsx_bytes(CSV_HEADERS, [csv_row(1), csv_row(2)])
    first = post_file(client, data, "合同.xlsx")
    assert first.status_code == 200
    assert "新登记 2 份" in text(first)
    again = post_file(client, data, "合同.xlsx")
    assert "新登记 0 份，已登记且内容相同 2 份" in text(again)
    assert count() == 2


def test_officer_rows_outside_the_zone_are_refused(client):
    login(client, officer("620500"))
    response = post_file(client, csv_bytes(CSV_HEADERS, [csv_row(1)]))
    assert "导入失败，未导入任何合同" in text(response)
    assert "卖方不在您担任技术合同登记员的示范区" in text(response)
    assert count() == 0


def test_wrong_file_type_and_missing_file(client):
    login(client, platform_admin())
    assert "仅支持 .csv 或 .xlsx 文件" in text(post_file(client, b"a", "a.txt"))
    broken = post_file(client, b"not a zip", "a.xlsx")
    assert broken.status_code == 415
    missing = client.post("/contracts/import", data={}, content_type="multipart/form-data")
    assert missing.status_code == 422 and "请选择要上传的文件" in text(missing)


def test_template_has_the_headers_and_notes(client):
    login(client, officer())
    response = client.get("/contracts/import/template.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data))
    headers = [cell.value for cell in workbook["技术合同"][1]]
    assert headers == SPEC.template_headers()
    notes = " ".join(str(c.value) for row in workbook["填写说明"].iter_rows() for c in row)
    assert "委托开发" in notes and "万元" in notes


def test_a_running_job_page_polls_its_status_then_shows_the_report(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_JOB_RUNNER", "queue")  # the worker runs later
    owner = officer("620100")
    login(client, owner)
    started = client.post("/contracts/import", content_type="multipart/form-data",
                          data={"file": (io.BytesIO(csv_bytes(CSV_HEADERS, [csv_row(1)])),
                                         "合同.csv")})
    page_url = started.headers["Location"]
    waiting = text(client.get(page_url))
    assert "排队等待中" in waiting and "js/import_job.js" in waiting
    assert f'data-import-job="{page_url}/status"' in waiting
    status = client.get(page_url + "/status").get_json()
    assert (status["status"], status["rows_done"], status["report"]) == ("queued", 0, None)
    from matchhub.imports.worker import work_once

    assert work_once() == 1
    assert client.get(page_url + "/status").get_json()["status"] == "succeeded"
    done = text(client.get(page_url))
    assert "新登记 1 份" in done and "js/import_job.js" not in done
    assert count() == 1


def test_a_job_page_is_for_its_owner_and_platform_admins_only(client):
    login(client, officer("620100"))
    started = client.post("/contracts/import", content_type="multipart/form-data",
                          data={"file": (io.BytesIO(csv_bytes(CSV_HEADERS, [csv_row(1)])),
                                         "合同.csv")})
    page_url = started.headers["Location"]
    client.post("/logout")
    assert client.get(page_url + "/status").status_code == 302  # to sign-in
    for other in (zone_admin("620100"), broker()):
        login(client, other)
        assert client.get(page_url).status_code == 404
        assert client.get(page_url + "/status").status_code == 404
        client.post("/logout")
    login(client, platform_admin())
    assert client.get(page_url + "/status").get_json()["status"] == "succeeded"
