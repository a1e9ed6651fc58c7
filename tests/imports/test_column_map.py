"""Column maps: suggested from names, aliases and look-alike headers; applied with their
errors on row 1; ignored columns listed; look-alike ones flagged; JSON round trip."""

import json

from matchhub.contracts.imports import SPEC
from matchhub.imports.column_map import apply_map, map_of, suggest
from matchhub.imports.files import Row, Table
from matchhub.imports.preview import preview, read_head
from tests.contracts.helpers import CSV_HEADERS, csv_row
from tests.imports.helpers import csv_bytes, xlsx_bytes

# The same ledger as another registration system exports it.
OTHER_HEADERS = ["登记编号", "合同名称", "合同类别", "合同子类别", "签订时间", "登记时间",
                 "成交金额(元)", "技术交易金额(元)", "卖方单位名称", "卖方单位性质",
                 "卖方所在地区代码", "买方单位名称", "买方单位性质", "买方所在地区代码",
                 "技术领域", "知识产权", "经办人"]


def test_suggestion_matches_every_field_of_another_systems_ledger():
    plan = suggest(SPEC, OTHER_HEADERS)
    assert plan.suggested["合同登记编号"] == "登记编号"  # an alias
    assert plan.suggested["成交额(元)"] == "成交金额(元)"  # look-alike, same unit
    assert plan.suggested["签订日期"] == "签订时间"
    assert plan.suggested["卖方地区代码"] == "卖方所在地区代码"
    assert plan.missing == [] and not plan.exact
    assert "经办人" in plan.unknown and "经办人" not in plan.suggested.values()


def test_template_headers_need_no_step():
    plan = suggest(SPEC, CSV_HEADERS)
    assert plan.exact and plan.suggested == {h: h for h in CSV_HEADERS}


def test_wan_yuan_header_is_suggested_for_the_wan_yuan_field():
    headers = [h.replace("成交额(元)", "成交金额(万元)") for h in CSV_HEADERS]
    assert suggest(SPEC, headers).suggested["成交额(万元)"] == "成交金额(万元)"


def test_applied_map_ignores_and_lists_unknown_columns():
    mapping = apply_map(SPEC, OTHER_HEADERS, suggest(SPEC, OTHER_HEADERS).suggested)
    assert mapping.errors == [] and mapping.ignored == ["经办人"]
    row = csv_row(1)[:16] + ["张三"]
    entry = mapping.read(Row(2, row))
    assert entry.errors == {}
    assert entry.data["registration_number"] == "2016620100000001"
    assert "经办人" not in str(entry.data)


def test_ignored_look_alike_column_is_flagged():
    headers = [*CSV_HEADERS, "卖方名称(简称)"]
    mapping = apply_map(SPEC, headers, {"卖方名称": "卖方名称"})
    assert mapping.ignored == ["卖方名称(简称)"]
    [warning] = mapping.warnings
    assert warning.field == "卖方名称(简称)" and "卖方名称" in warning.message


def test_map_errors_name_the_field_or_header():
    mapping = apply_map(SPEC, OTHER_HEADERS, {
        "合同登记编号": "没有这一列", "合同名称": "合同名称", "成交额(元)": "合同名称",
        "乱写的字段": "经办人"})
    found = {(e.field, e.message[:6]) for e in mapping.errors}
    assert ("没有这一列", "列映射中「合") in found
    assert any(e.field == "合同名称" and "同一列" in e.message for e in mapping.errors)
    assert any(e.field == "乱写的字段" for e in mapping.errors)
    assert any(e.field == "签订日期" and "缺少" in e.message for e in mapping.errors)


def test_map_by_input_key_and_json_round_trip():
    chosen = {**suggest(SPEC, OTHER_HEADERS).suggested}
    chosen["volume"] = chosen.pop("成交额(元)")
    mapping = apply_map(SPEC, OTHER_HEADERS, chosen)
    assert mapping.errors == []
    saved = json.loads(json.dumps(map_of(mapping), ensure_ascii=False))
    assert saved["成交额(元)"] == "成交金额(元)"
    assert apply_map(SPEC, OTHER_HEADERS, saved).columns == mapping.columns


def test_preview_converts_the_first_rows_and_names_errors():
    rows = [Row(n + 1, csv_row(n)[:16] + [""]) for n in range(1, 8)]
    rows[1].cells[4] = "2016-02-30"
    shown = preview(SPEC, Table(OTHER_HEADERS, rows))
    assert len(shown.rows) == 5
    assert str(shown.rows[0].values["签订日期"]) == "2016-03-01"
    assert shown.rows[1].errors == {"签订时间": ["日期无效"]}
    assert "成交额(元)" in shown.fields and "成交额(万元)" not in shown.fields


def test_preview_reads_only_the_head_of_a_file():
    rows = [csv_row(n)[:16] + [""] for n in range(1, 30)]
    for data, name in ((xlsx_bytes(OTHER_HEADERS, [rows[0], [None] * 17, *rows[1:]]), "a.xlsx"),
                       (csv_bytes(OTHER_HEADERS, rows), "a.csv")):
        table = read_head(name, data, rows=3)
        assert table.headers == OTHER_HEADERS
        assert [r.cells[0] for r in table.rows] == [f"2016620100{n:06d}" for n in (1, 2, 3)]
