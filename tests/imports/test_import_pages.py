"""The /imports page: upload with a per-row report, and the downloadable templates."""

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from matchhub.catalog.imports import SPECS
from matchhub.catalog.models import Achievement, Need
from matchhub.core.extensions import db
from tests.factories import UserFactory
from tests.imports.helpers import (
    ACHIEVEMENT_HEADERS,
    NEED_HEADERS,
    achievement_row,
    csv_bytes,
    enterprise_user,
    need_row,
    publisher,
)
from tests.web.helpers import login, text


def post_file(client, data: bytes, name="a.csv", item_type="achievement", **extra):
    body = {"item_type": item_type, "file": (io.BytesIO(data), name), **extra}
    return client.post("/imports/", data=body, content_type="multipart/form-data")


def count(model=Achievement) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_page_needs_a_user_who_may_publish(client):
    assert client.get("/imports/").status_code == 302
    broker = UserFactory(role="broker", organisation__kind="transfer_institution")
    db.session.commit()
    login(client, broker)
    assert client.get("/imports/").status_code == 403


def test_publisher_sees_form_and_templates(client):
    login(client, publisher())
    page = text(client.get("/imports/"))
    assert "批量导入" in page and 'enctype="multipart/form-data"' in page
    assert "/imports/templates/achievement.xlsx" in page
    assert "/imports/templates/need.csv" not in page


def test_upload_success_shows_count(client):
    login(client, publisher())
    data = csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(1), achievement_row(2)])
    response = post_file(client, data, submit_for_review="y")
    assert response.status_code == 200
    assert "已导入 2 条成果" in text(response)
    assert db.session.scalars(select(Achievement.status)).all() == ["submitted", "submitted"]


def test_upload_failure_shows_rows_and_imports_nothing(client):
    login(client, publisher())
    rows = [achievement_row(1), achievement_row(2, **{"技术领域": "魔法"})]
    response = post_file(client, csv_bytes(ACHIEVEMENT_HEADERS, rows, "gbk"))
    assert response.status_code == 422
    page = text(response)
    assert "未导入任何数据" in page
    assert "<td>3</td><td>技术领域</td>" in page
    assert count() == 0


def test_wrong_file_type_and_missing_file(client):
    login(client, publisher())
    assert "仅支持 .csv 或 .xlsx 文件" in text(post_file(client, b"a", "a.txt"))
    response = post_file(client, b"not a zip", "a.xlsx")
    assert response.status_code == 415 and "XLSX" in text(response)
    missing = client.post("/imports/", data={"item_type": "achievement"},
                          content_type="multipart/form-data")
    assert missing.status_code == 422 and "请选择要上传的文件" in text(missing)


def test_enterprise_imports_needs_only(client):
    login(client, enterprise_user())
    created = post_file(client, csv_bytes(NEED_HEADERS, [need_row()]), item_type="need")
    assert created.status_code == 200
    assert count(Need) == 1
    refused = post_file(client, csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row()]))
    assert refused.status_code == 422 and count() == 0


def test_csv_template_has_bom_and_headers(client):
    response = client.get("/imports/templates/achievement.csv")
    assert response.status_code == 200
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert "attachment" in response.headers["Content-Disposition"]
    header = next(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert header == SPECS["achievement"].template_headers()


def test_xlsx_template_round_trips_through_the_import(client):
    response = client.get("/imports/templates/need.xlsx")
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == SPECS["need"].template_headers()
    values = dict(zip(SPECS["need"].template_headers(), [None] * 20, strict=False))
    values.update({"需求名称": "高寒草地生态修复", "需求描述": "需要生态修复技术。",
                   "技术领域": "环境保护与资源综合利用", "合作方式": "技术服务", "面议": "是"})
    sheet.append([values[h] for h in SPECS["need"].template_headers()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    login(client, enterprise_user())
    result = post_file(client, buffer.getvalue(), "需求.xlsx", item_type="need")
    assert result.status_code == 200, text(result)
    assert count(Need) == 1
    assert client.get("/imports/templates/need.pdf").status_code == 404
