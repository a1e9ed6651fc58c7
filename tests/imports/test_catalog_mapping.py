"""Achievements under other headers: the command line's --map (and --save-map, --use-map)
and the API's mapping; the suggestion when no map is given."""

import io
import json

from sqlalchemy import func, select

from matchhub.catalog.models import Achievement
from matchhub.core.extensions import db
from matchhub.imports.models import SavedColumnMap
from tests.api.helpers import bearer
from tests.imports.helpers import ACHIEVEMENT_HEADERS, achievement_row, csv_bytes, publisher

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
