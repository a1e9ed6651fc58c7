"""POST /api/v1/imports/<item_type>: 201 report, 422 per-row errors, 415, 413, 401, 403."""

import io

from sqlalchemy import func, select

from matchhub.catalog.models import Achievement, Need
from matchhub.core.extensions import db
from tests.api.helpers import bearer
from tests.imports.helpers import (
    ACHIEVEMENT_HEADERS,
    NEED_HEADERS,
    achievement_row,
    csv_bytes,
    enterprise_user,
    need_row,
    publisher,
    xlsx_bytes,
)

URL = "/api/v1/imports/achievement"


def upload(client, headers, data: bytes, name="a.csv", url=URL, **form):
    body = {"file": (io.BytesIO(data), name), **form}
    return client.post(url, data=body, headers=headers, content_type="multipart/form-data")


def count(model=Achievement) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def good_csv(n: int = 2) -> bytes:
    return csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(i) for i in range(1, n + 1)])


def test_created_with_report(client):
    auth = bearer(publisher())
    response = upload(client, auth, good_csv(2), submit="true")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["total"], body["created"], body["submitted"], body["errors"]) == (2, 2, True, [])
    assert len(body["ids"]) == 2
    assert db.session.scalars(select(Achievement.status)).all() == ["submitted", "submitted"]


def test_xlsx_need_import(client):
    auth = bearer(enterprise_user())
    response = upload(client, auth, xlsx_bytes(NEED_HEADERS, [need_row()]), "需求.xlsx",
                      url="/api/v1/imports/need")
    assert response.status_code == 201, response.get_json()
    assert count(Need) == 1


def test_bad_row_gives_422_with_rows_and_imports_nothing(client):
    auth = bearer(publisher())
    rows = [achievement_row(1), achievement_row(2, **{"报价(万元)": "abc"})]
    response = upload(client, auth, csv_bytes(ACHIEVEMENT_HEADERS, rows))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert error["fields"] == {"file": ["导入失败：1 行有误，未导入任何数据"]}
    assert error["rows"] == [{"row": 3, "field": "报价(万元)", "message": "金额格式无效：'abc'"}]
    assert error["total"] == 2
    assert count() == 0


def test_unknown_header_gives_422(client):
    response = upload(client, bearer(publisher()), csv_bytes(["名称"], [["x"]]))
    assert response.status_code == 422
    assert {"row": 1, "field": "名称", "message": "未知的列（请使用导入模板中的表头）"} in \
        response.get_json()["error"]["rows"]


def test_unsupported_files_give_415(client):
    auth = bearer(publisher())
    for name, data in (("a.txt", good_csv()), ("a.xlsx", good_csv()), ("a.csv", b"PK\x03\x04xx")):
        response = upload(client, auth, data, name)
        assert response.status_code == 415, name
        assert response.get_json()["error"]["code"] == "unsupported_media_type"
    assert count() == 0


def test_missing_file_and_unknown_type(client):
    auth = bearer(publisher())
    response = client.post(URL, data={}, headers=auth, content_type="multipart/form-data")
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"file": ["请上传 .csv 或 .xlsx 文件"]}
    assert upload(client, auth, good_csv(), url="/api/v1/imports/patent").status_code == 404


def test_too_large_gives_413(app, client, monkeypatch):
    auth = bearer(publisher())
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 512)
    response = upload(client, auth, good_csv(20))
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_authentication_and_permission(client):
    assert upload(client, {}, good_csv()).status_code == 401
    read_only = bearer(publisher(), ["catalog:read"])
    assert upload(client, read_only, good_csv()).status_code == 403
    company = bearer(enterprise_user())
    response = upload(client, company, good_csv())
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert count() == 0


def test_documented_in_openapi(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/imports/{item_type}"]["post"]
    assert {"201", "415", "422"} <= set(operation["responses"])
    assert "rows" in spec["components"]["schemas"]["ImportError"]["properties"]
