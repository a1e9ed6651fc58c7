"""The importer: the same validation as every channel, all or nothing, a per-row report."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from matchhub.catalog import services
from matchhub.catalog.imports import CatalogImportFailed, import_file
from matchhub.catalog.models import Achievement, Need, Transition
from matchhub.core.errors import PermissionDenied, ValidationFailed
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

TODAY = dt.date(2026, 1, 15)


def run(session, user, data, name="a.csv", item_type="achievement", **kwargs):
    return import_file(session, user, item_type, name, data, today=TODAY, default_validity=365,
                       **kwargs)


def count(session, model=Achievement) -> int:
    return session.scalar(select(func.count()).select_from(model))


def failure(session, user, data, name="a.csv", item_type="achievement") -> list[tuple]:
    with pytest.raises(CatalogImportFailed) as caught:
        run(session, user, data, name, item_type)
    session.rollback()
    return [(e.row, e.field, e.message) for e in caught.value.report.errors]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_import_creates_drafts_with_exact_values(db_session, encoding):
    user = publisher()
    data = csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(1), achievement_row(2)], encoding)
    report = run(db_session, user, data)
    db_session.commit()
    assert (report.total, report.created, report.errors) == (2, 2, [])
    item = db_session.get(Achievement, report.ids[0])
    assert item.status == "draft" and item.created_by_id == user.id
    assert item.asking_price == Decimal("125000.00")
    assert item.keywords == ["马铃薯", "涂膜", "保鲜"]
    assert item.modes == ["license", "transfer"]
    assert (item.field, item.trl, item.valid_until) == ("agriculture", 6, dt.date(2030, 12, 31))
    assert item.region_code == user.organisation.region_code


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("报价(万元)", "12.5", Decimal("125000.00")),
    ("报价(万元)", "0.0001", Decimal("1.00")),
    ("报价(万元)", "1,234.5678", Decimal("12345678.00")),
    ("报价(万元)", "12.5万元", Decimal("125000.00")),
    ("报价(元)", "1,250,000", Decimal("1250000.00")),
    ("报价(元)", "1，250，000.50", Decimal("1250000.50")),
])
def test_money_columns_convert_exactly(db_session, column, value, expected):
    headers = [column if h == "报价(万元)" else h for h in ACHIEVEMENT_HEADERS]
    row = achievement_row(**{"报价(万元)": value})
    report = run(db_session, publisher(), csv_bytes(headers, [row]))
    assert db_session.get(Achievement, report.ids[0]).asking_price == expected


def test_xlsx_import_numbers_and_dates(db_session):
    rows = [achievement_row(1, **{"报价(万元)": 12.5, "成熟度(TRL)": 6,
                                  "有效期至": dt.datetime(2030, 5, 1)}),
            achievement_row(2, **{"报价(万元)": 50, "面议": None})]
    report = run(db_session, publisher(), xlsx_bytes(ACHIEVEMENT_HEADERS, rows), name="批量.xlsx")
    first, second = (db_session.get(Achievement, i) for i in report.ids)
    assert first.asking_price == Decimal("125000.00") and first.trl == 6
    assert first.valid_until == dt.date(2030, 5, 1)
    assert second.asking_price == Decimal("500000.00")


def test_xlsx_integer_yuan_and_inexact_float_refused(db_session):
    headers = [("报价(元)" if h == "报价(万元)" else h) for h in ACHIEVEMENT_HEADERS]
    good = xlsx_bytes(headers, [achievement_row(**{"报价(万元)": 500000})])
    ok = run(db_session, publisher(), good, name="a.xlsx")
    assert db_session.get(Achievement, ok.ids[0]).asking_price == Decimal("500000")
    bad = xlsx_bytes(headers, [achievement_row(9, **{"报价(万元)": 1234.567})])
    assert (2, "报价(元)", "金额最多精确到分（0.01 元）") in failure(db_session, publisher(), bad,
                                                                 "a.xlsx")


def test_wan_value_not_exact_to_the_cent_is_refused(db_session):
    data = csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(**{"报价(万元)": "0.0000001"})])
    assert failure(db_session, publisher(), data) == [
        (2, "报价(万元)", "金额最多精确到分（0.01 元）")]


def test_one_bad_row_imports_nothing_and_names_row_and_column(db_session):
    user = publisher()
    rows = [achievement_row(1), [""] * 9,
            achievement_row(2, **{"技术领域": "魔法", "报价(万元)": "abc"}),
            achievement_row(3, **{"成熟度(TRL)": "12"})]
    errors = failure(db_session, user, csv_bytes(ACHIEVEMENT_HEADERS, rows))
    assert {(row, column) for row, column, _ in errors} == {
        (4, "技术领域"), (4, "报价(万元)"), (5, "成熟度(TRL)")}
    assert count(db_session) == 0
    assert db_session.scalar(select(func.count()).select_from(Transition)) == 0


def test_missing_required_value_maps_to_the_column(db_session):
    data = csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(**{"成果简介": "", "合作方式": "、"})])
    errors = failure(db_session, publisher(), data)
    assert {(r, c) for r, c, _ in errors} == {(2, "成果简介"), (2, "合作方式")}


def test_unknown_missing_and_conflicting_headers_are_refused(db_session):
    headers = [*ACHIEVEMENT_HEADERS, "备注", "报价(元)"]
    headers.remove("成熟度(TRL)")
    errors = failure(db_session, publisher(), csv_bytes(headers, [["x"] * len(headers)]))
    assert {(r, c) for r, c, _ in errors} == {(1, "备注"), (1, "报价(元)"), (1, "成熟度(TRL)")}
    assert count(db_session) == 0


def test_header_variants_are_accepted(db_session):
    headers = ["成果名称*", "成果简介", "关键词", "技术领域", "成熟度", "合作方式", "报价（万元）",
               "面议", "有效期至"]
    report = run(db_session, publisher(), csv_bytes(headers, [achievement_row()]))
    assert report.created == 1


def test_ip_record_columns_become_one_record(db_session):
    headers = [*ACHIEVEMENT_HEADERS, "知识产权类型", "知识产权编号", "知识产权名称"]
    good = achievement_row(1) + ["发明专利", "ZL201710601862.3", "一种涂膜"]
    report = run(db_session, publisher(), csv_bytes(headers, [good]))
    record = db_session.get(Achievement, report.ids[0]).ip_records[0]
    assert (record.ip_type, record.number) == ("invention_patent", "ZL201710601862.3")
    bad = achievement_row(2) + ["发明专利", "ZL201710601862.4", ""]
    assert [(r, c) for r, c, _ in failure(db_session, publisher(), csv_bytes(headers, [bad]))] == [
        (2, "知识产权编号")]


def test_negotiable_and_flags(db_session):
    rows = [achievement_row(1, **{"报价(万元)": "", "面议": "是"}),
            achievement_row(2, **{"面议": "也许"})]
    errors = failure(db_session, publisher(), csv_bytes(ACHIEVEMENT_HEADERS, rows))
    assert errors == [(3, "面议", "应填写“是”或“否”")]
    report = run(db_session, publisher(), csv_bytes(ACHIEVEMENT_HEADERS, rows[:1]))
    item = db_session.get(Achievement, report.ids[0])
    assert item.price_negotiable and item.asking_price is None


def test_dates_in_spreadsheet_styles(db_session):
    rows = [achievement_row(1, **{"有效期至": "2030/3/1"}),
            achievement_row(2, **{"有效期至": "2030年3月2日"})]
    report = run(db_session, publisher(), csv_bytes(ACHIEVEMENT_HEADERS, rows))
    dates = [db_session.get(Achievement, i).valid_until for i in report.ids]
    assert dates == [dt.date(2030, 3, 1), dt.date(2030, 3, 2)]
    past = csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(3, **{"有效期至": "2020-01-01"})])
    assert failure(db_session, publisher(), past)[0][:2] == (2, "有效期至")


def test_submit_option_submits_each_item(db_session):
    user = publisher()
    report = run(db_session, user, csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row()]), submit=True)
    item = db_session.get(Achievement, report.ids[0])
    assert report.submitted and item.status == "submitted"
    assert [t.action for t in services.history(db_session, item)] == ["submit"]


def test_needs_import_with_budget_in_wan(db_session):
    user = enterprise_user()
    rows = [need_row(1), need_row(2, **{"预算下限(万元)": "", "预算上限(万元)": "", "面议": "是"})]
    report = run(db_session, user, csv_bytes(NEED_HEADERS, rows), item_type="need")
    first, second = (db_session.get(Need, i) for i in report.ids)
    assert (first.budget_min, first.budget_max) == (Decimal("1500000.00"), Decimal("3000000.00"))
    assert first.required_trl == 7 and first.modes == ["co_development"]
    assert second.budget_negotiable and second.budget_min is None
    bad = csv_bytes(NEED_HEADERS, [need_row(3, **{"预算下限(万元)": "500"})])
    assert failure(db_session, user, bad, item_type="need")[0][:2] == (2, "预算上限(万元)")


def test_role_that_cannot_publish_is_refused(db_session):
    with pytest.raises(PermissionDenied):
        run(db_session, enterprise_user(), csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row()]))
    with pytest.raises(PermissionDenied):
        run(db_session, publisher(), csv_bytes(NEED_HEADERS, [need_row()]), item_type="need")


def test_same_title_again_is_refused(db_session):
    user = publisher()
    data = csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(1)])
    run(db_session, user, data)
    db_session.commit()
    assert failure(db_session, user, data)[0][:2] == (2, "成果名称")
    twice = csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(5), achievement_row(5)])
    assert [r for r, _, _ in failure(db_session, user, twice)] == [3]
    assert count(db_session) == 1


def test_empty_file_and_unknown_type(db_session):
    with pytest.raises(CatalogImportFailed) as caught:
        run(db_session, publisher(), csv_bytes(ACHIEVEMENT_HEADERS, []))
    assert caught.value.message == "导入失败：文件中没有数据行"
    with pytest.raises(ValidationFailed):
        run(db_session, publisher(), b"x", item_type="patent")


def test_cells_under_no_header_are_reported(db_session):
    data = csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row() + ["多余"]])
    assert failure(db_session, publisher(), data) == [
        (2, "第 10 列", "该列没有有效的表头，但填写了内容")]


def test_failed_import_keeps_earlier_work_of_the_session(db_session):
    user = publisher()
    run(db_session, user, csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(1)]))
    with pytest.raises(CatalogImportFailed):
        run(db_session, user, csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(2),
                                                               achievement_row(3, 技术领域="x")]))
    db_session.commit()
    assert [a.title for a in db_session.scalars(select(Achievement))] == [
        "一种马铃薯变性淀粉涂膜保鲜方法1"]
