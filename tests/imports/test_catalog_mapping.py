"""Achievements under other headers: the command line's --map (and --save-map, --use-map)
and the API's mapping; the suggestion when no map is given."""

import io
import json

from sqlalchemy import func, select

from matchhub.catalog.imports import SPECS
from matchhub.catalog.models import Achievement
from matchhub.core.extensions import db
from matchhub.imports.column_map import fields_of
from matchhub.imports.mapping_step import field_name
from matchhub.imports.models import SavedColumnMap
from tests.api.helpers import bearer
from tests.contracts.test_import_mapping import choices
from tests.imports.helpers import (
    ACHIEVEMENT_HEADERS,
    achievement_row,
    csv_bytes,
    enterprise_user,
    publisher,
)
from tests.web.helpers import login, text

OTHER = {"成果名称": "科技成果名称", "成果简介": "成果简要介绍", "成熟度(TRL)": "技术成熟度",
         "报价(万元)": "转让报价(万元)", "有效期至": "挂牌截止日期"}
HEADERS = [OTHER.get(h, h) for h in ACHIEVEMENT_HEADERS] + ["备注"]


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Achievement))


def other_file(n: int = 2) -> bytes:
    return csv_bytes(HEADERS, [[*achievement_row(i), "内部备注"] for i in range(1, n + 1)])


def test_cli_map_file_then_saved_map(runner, tmp_path):
    user = publisher()
    db.session.commit()
    data = tmp_path / "成果.csv"
    data.write_bytes(other_file())
    args = ["catalog", "import", str(data), "--type", "achievement", "--user", user.email]
    refused = runner.invoke(args=args)
    assert refused.exit_code != 0 and "成果名称: 科技成果名称" in refused.output
    map_file = tmp_path / "map.yml"
    map_file.write_text("\n".join(f"{k}: {v}" for k, v in OTHER.items()), encoding="utf-8")
    result = runner.invoke(args=[*args, "--map", str(map_file), "--save-map", "科技厅格式"])
    assert result.exit_code == 0, result.output
    assert "已导入 2 条" in result.output and "未导入的列：备注" in result.output
    assert db.session.scalar(select(SavedColumnMap.owner)) == f"org:{user.org_id}"
    data.write_bytes(csv_bytes(HEADERS, [[*achievement_row(9), ""]]))
    reused = runner.invoke(args=[*args, "--use-map", "科技厅格式"])
    assert reused.exit_code == 0, reused.output
    assert count() == 3


def test_cli_map_file_that_is_not_a_map(runner, tmp_path):
    user = publisher()
    db.session.commit()
    data = tmp_path / "成果.csv"
    data.write_bytes(other_file())
    map_file = tmp_path / "map.yaml"
    map_file.write_text("- 只是一个列表\n", encoding="utf-8")
    result = runner.invoke(args=["catalog", "import", str(data), "--type", "achievement",
                                 "--user", user.email, "--map", str(map_file)])
    assert result.exit_code != 0 and "mapping" in result.output
    assert count() == 0


def test_api_suggests_then_imports_with_the_map(client):
    auth = bearer(publisher())
    url = "/api/v1/imports/achievement"
    refused = client.post(url, headers=auth, content_type="multipart/form-data",
                          data={"file": (io.BytesIO(other_file()), "a.csv")})
    assert refused.status_code == 422
    suggested = refused.get_json()["error"]["mapping"]["suggested"]
    assert suggested["成果名称"] == "科技成果名称"
    resent = client.post(url, headers=auth, content_type="multipart/form-data", data={
        "file": (io.BytesIO(other_file()), "a.csv"),
        "mapping": json.dumps(suggested, ensure_ascii=False)})
    assert resent.status_code == 201, resent.get_json()
    # no field looks like 挂牌截止日期 (有效期至 is optional): imported without it, and said
    assert resent.get_json()["ignored"] == ["挂牌截止日期", "备注"] and count() == 2


def test_web_step_imports_kept_file_and_saved_map_is_offered(client):
    user = publisher()
    login(client, user)
    upload = client.post("/imports/", content_type="multipart/form-data", data={
        "item_type": "achievement", "file": (io.BytesIO(other_file()), "成果.csv")})
    assert upload.status_code == 302 and "/imports/map/achievement/" in upload.location
    url = upload.location
    page = text(client.get(url))
    assert '<option value="科技成果名称" selected>' in page and "预览" in page
    valid_until = field_name([c.header for c in fields_of(SPECS["achievement"])].index("有效期至"))
    form = {**choices(page), valid_until: "挂牌截止日期", "action": "import",
            "save_name": "厅格式"}
    done = client.post(url, data=form)
    assert done.status_code == 200 and "已导入 2 条" in text(done)
    assert "未导入的列：备注" in text(done) and count() == 2
    assert client.get(url).status_code == 404
    assert "厅格式" in text(client.get("/imports/maps"))
    again = client.post("/imports/", content_type="multipart/form-data", data={
        "item_type": "achievement", "file": (io.BytesIO(other_file()), "成果.csv")})
    assert "套用已保存的列映射" in text(client.get(again.location))
    assert "<option value=\"挂牌截止日期\" selected>" in text(
        client.get(again.location + "&use=%E5%8E%85%E6%A0%BC%E5%BC%8F"))


def test_web_step_is_denied_to_those_who_may_not_publish(client):
    login(client, publisher())
    upload = client.post("/imports/", content_type="multipart/form-data", data={
        "item_type": "achievement", "file": (io.BytesIO(other_file()), "成果.csv")})
    client.post("/logout")
    login(client, publisher())
    assert client.get(upload.location).status_code == 404  # not their file
    client.post("/logout")
    login(client, enterprise_user())  # may import needs, not achievements
    assert client.get(upload.location).status_code == 403
    assert count() == 0
