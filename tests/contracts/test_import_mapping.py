"""A ledger under other headers imports after mapping: through the web page's mapping
step (the file kept, not uploaded twice), the API (422 with the suggested map, then
resent with it) and the command line (--map); saved maps are reused, listed, deleted."""

import io
import json
import re

from sqlalchemy import func, select

from matchhub.contracts.models import Contract
from matchhub.core.extensions import db
from matchhub.imports.models import SavedColumnMap
from tests.api.helpers import bearer
from tests.contracts.mapping_files import HEADERS, MAP, other_row
from tests.contracts.people import broker, officer, platform_admin
from tests.imports.helpers import csv_bytes, xlsx_bytes
from tests.web.helpers import login, text

API = "/api/v1/contracts/import"
SCOPES = ["contracts:read", "contracts:write"]


def count(model=Contract) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def ledger(rows: int = 2) -> bytes:
    return xlsx_bytes(HEADERS, [other_row(n) for n in range(1, rows + 1)])


def post_file(client, data: bytes, name="台账.xlsx", follow=False, **form):
    return client.post("/contracts/import", data={"file": (io.BytesIO(data), name), **form},
                       content_type="multipart/form-data", follow_redirects=follow)


def step_url(response) -> str:
    assert response.status_code == 302, response.status_code
    assert re.search(r"/contracts/import/map/[\w-]{32}\?correct=[01]$", response.location)
    return response.location


def choices(page: str) -> dict[str, str]:
    """Each select of the step as (name -> chosen file header)."""
    selects = re.findall(r'<select id="(f\d+)" name="f\d+">(.*?)</select>', page, re.S)
    chosen = {}
    for name, options in selects:
        found = re.search(r'<option value="([^"]*)" selected>', options)
        chosen[name] = found.group(1) if found else ""
    return chosen


def switch(client, user) -> None:
    client.post("/logout")
    login(client, user)


def test_web_mapping_step_previews_then_imports_the_kept_file(client, app):
    login(client, officer("620100"))
    url = step_url(post_file(client, ledger()))
    assert count() == 0
    page = text(client.get(url))
    assert "对应文件的列" in page and "预览" in page
    assert "登记时间" in page and "2016-03-15" in page  # converted from 2016/3/15
    assert "注意「卖方名称(简称)」" in page and "经办人" in page
    form = {**choices(page), "action": "import", "save_name": "省系统台账"}
    done = client.post(url, data=form, follow_redirects=True)  # the job's page (run inline)
    assert done.status_code == 200, text(done)
    assert "新登记 2 份" in text(done) and "未导入的列：经办人、卖方名称(简称)" in text(done)
    assert count() == 2
    assert client.get(url).status_code == 404  # the kept file is gone once imported
    saved = db.session.scalar(select(SavedColumnMap))
    assert saved.name == "省系统台账" and saved.columns["成交额(元)"] == "成交金额(元)"


def test_web_choice_can_be_changed_and_previewed(client):
    login(client, platform_admin())
    url = step_url(post_file(client, ledger(), "台账.xlsx"))
    form = choices(text(client.get(url)))
    swapped = {**form, "action": "preview"}
    name_field = next(k for k, v in form.items() if v == "合同名称")
    swapped[name_field] = "经办人"
    page = text(client.post(url, data=swapped))
    assert '<option value="经办人" selected>' in page
    assert count() == 0
    refused = client.post(url, data={**form, "action": "import",
                                     name_field: ""})  # 合同名称 left without a column
    assert refused.status_code == 422 and "缺少必需的列" in text(refused)
    assert count() == 0 and client.get(url).status_code == 200  # still kept


def test_preview_shows_the_rows_own_errors_and_correct_flag_carries(client):
    admin = platform_admin()
    login(client, admin)
    url = step_url(post_file(client, xlsx_bytes(HEADERS, [
        other_row(1, **{"合同类型": "魔法合同"}), other_row(2)])))
    page = text(client.get(url))
    assert "「合同类别」" in page and count() == 0  # the row's type error, under its header
    client.post(url, data={**choices(page), "action": "preview"})
    assert count() == 0
    registered = client.post(step_url(post_file(client, ledger(1))),
                             data={**choices(page), "action": "import"}, follow_redirects=True)
    assert registered.status_code == 200 and count() == 1
    changed = xlsx_bytes(HEADERS, [other_row(1, **{"合同名称": "按台账更正"})])
    url = step_url(post_file(client, changed, apply_corrections="y"))
    assert url.endswith("correct=1")
    done = client.post(url, data={**choices(text(client.get(url))), "action": "import"},
                       follow_redirects=True)
    assert done.status_code == 200 and "按文件更正" in text(done)
    assert db.session.scalar(select(Contract.name)) == "按台账更正"


def test_saved_map_is_chosen_on_upload_listed_and_deleted(client):
    admin = platform_admin()
    login(client, admin)
    url = step_url(post_file(client, ledger(1)))
    client.post(url, data={**choices(text(client.get(url))), "action": "import",
                           "save_name": "兰州台账"})
    assert "兰州台账" in text(client.get("/contracts/import"))
    again = post_file(client, xlsx_bytes(HEADERS, [other_row(5)]), follow=True,
                      map_name="兰州台账")
    assert again.status_code == 200 and "新登记 1 份" in text(again)
    listing = text(client.get("/contracts/import/maps"))
    assert "兰州台账" in listing and "成交额(元) ← 成交金额(元)" in listing
    saved = db.session.scalar(select(SavedColumnMap))
    login(client, platform_admin())  # someone else's map: not theirs to delete
    switch(client, platform_admin())  # someone else's map: not theirs to delete
    assert client.post(f"/contracts/import/maps/{saved.id}/delete").status_code == 404
    switch(client, admin)
    assert client.post(f"/contracts/import/maps/{saved.id}/delete").status_code == 302
    assert count(SavedColumnMap) == 0


def test_mapping_step_is_denied_to_others(client):
    login(client, officer("620100"))
    url = step_url(post_file(client, ledger()))
    switch(client, officer("620100"))  # another importer: not their file
    assert client.get(url).status_code == 404
    switch(client, broker())
    for response in (client.get(url), client.post(url, data={"action": "import"}),
                     client.get("/contracts/import/maps")):
        assert response.status_code == 403
    client.post("/logout")
    assert client.get(url).status_code in (302, 401)
    assert count() == 0


def test_api_answers_with_the_suggested_map_then_imports_with_it(client):
    auth = bearer(platform_admin(), SCOPES)
    body = {"file": (io.BytesIO(ledger()), "台账.xlsx")}
    refused = client.post(API, data=body, headers=auth, content_type="multipart/form-data")
    assert refused.status_code == 422
    mapping = refused.get_json()["error"]["mapping"]
    assert mapping["suggested"] == MAP
    assert {"登记时间", "经办人"} <= set(mapping["unknown"]) and mapping["missing"] == []
    resent = client.post(API, headers=auth, content_type="multipart/form-data", data={
        "file": (io.BytesIO(ledger()), "台账.xlsx"),
        "mapping": json.dumps(mapping["suggested"], ensure_ascii=False), "save_map": "台账"})
    assert resent.status_code == 202, resent.get_json()
    assert resent.get_json()["status"] == "succeeded"  # run in the request here
    report = resent.get_json()["report"]
    assert report["created"] == 2 and report["ignored"] == ["经办人", "卖方名称(简称)"]
    assert [w["field"] for w in report["warnings"]] == ["卖方名称(简称)"]
    by_name = client.post(API, headers=auth, content_type="multipart/form-data", data={
        "file": (io.BytesIO(xlsx_bytes(HEADERS, [other_row(3)])), "b.xlsx"),
        "map_name": "台账"})
    assert by_name.status_code == 202 and by_name.get_json()["report"]["created"] == 1
    assert count() == 3


def test_api_refuses_a_bad_map_naming_the_field(client):
    auth = bearer(platform_admin(), SCOPES)
    for form, field in (({"mapping": "[1, 2]"}, "mapping"),
                        ({"mapping": '{"不存在的字段": "登记编号"}'}, "mapping"),
                        ({"map_name": "没有这个"}, "map_name")):
        response = client.post(API, headers=auth, content_type="multipart/form-data",
                               data={"file": (io.BytesIO(ledger()), "a.xlsx"), **form})
        assert response.status_code == 422, response.get_json()
        assert field in json.dumps(response.get_json()["error"])
    assert count() == 0


def test_api_mapping_does_not_let_a_broker_import(client):
    response = client.post(API, headers=bearer(broker(), SCOPES),
                           content_type="multipart/form-data",
                           data={"file": (io.BytesIO(ledger()), "a.xlsx"),
                                 "mapping": json.dumps(MAP, ensure_ascii=False)})
    assert response.status_code == 403 and count() == 0


def test_cli_map_file_yaml_and_saved_map(runner, tmp_path):
    data = tmp_path / "台账.csv"
    data.write_bytes(csv_bytes(HEADERS, [other_row(1), other_row(2)], encoding="gb18030"))
    refused = runner.invoke(args=["contracts", "import", str(data)])
    assert refused.exit_code != 0 and "成交额(元): 成交金额(元)" in refused.output
    map_file = tmp_path / "map.yaml"
    map_file.write_text("\n".join(f"{k}: {v}" for k, v in MAP.items()), encoding="utf-8")
    result = runner.invoke(args=["contracts", "import", str(data), "--map", str(map_file),
                                 "--save-map", "省台账"])
    assert result.exit_code == 0, result.output
    assert "新登记 2 份" in result.output and "未导入的列：经办人" in result.output
    assert "注意「卖方名称(简称)」" in result.output
    more = tmp_path / "more.csv"
    more.write_bytes(csv_bytes(HEADERS, [other_row(3)]))
    reused = runner.invoke(args=["contracts", "import", str(more), "--use-map", "省台账"])
    assert reused.exit_code == 0 and "新登记 1 份" in reused.output
    assert count() == 3


def test_cli_json_map_with_a_missing_header_names_it(runner, tmp_path):
    data = tmp_path / "台账.csv"
    data.write_bytes(csv_bytes(HEADERS, [other_row(1)]))
    map_file = tmp_path / "map.json"
    map_file.write_text(json.dumps({**MAP, "签订日期": "签约日"}, ensure_ascii=False),
                        encoding="utf-8")
    result = runner.invoke(args=["contracts", "import", str(data), "--map", str(map_file)])
    assert result.exit_code != 0 and "签约日" in result.output
    assert count() == 0
