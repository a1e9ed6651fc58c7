"""``matchhub catalog import FILE --type ... --user ... [--submit]``."""

from sqlalchemy import func, select

from matchhub.catalog.models import Achievement, Need
from matchhub.core.extensions import db
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


def count(model=Achievement) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def invoke(runner, path, item_type, email, *extra):
    return runner.invoke(args=["catalog", "import", str(path), "--type", item_type,
                               "--user", email, *extra])


def test_cli_imports_and_reports(runner, tmp_path):
    user = publisher()
    db.session.commit()
    path = tmp_path / "成果.csv"
    path.write_bytes(csv_bytes(ACHIEVEMENT_HEADERS, [achievement_row(1), achievement_row(2)]))
    result = invoke(runner, path, "achievement", user.email.upper())
    assert result.exit_code == 0, result.output
    assert "已导入 2 条成果" in result.output
    assert count() == 2


def test_cli_bad_row_exits_non_zero_and_imports_nothing_then_rerun_after_fix(runner, tmp_path):
    user = publisher()
    db.session.commit()
    path = tmp_path / "成果.xlsx"
    rows = [achievement_row(1), achievement_row(2, **{"报价(万元)": "十万"})]
    path.write_bytes(xlsx_bytes(ACHIEVEMENT_HEADERS, rows))
    result = invoke(runner, path, "achievement", user.email)
    assert result.exit_code != 0
    assert "第 3 行「报价(万元)」" in result.output
    assert "未导入任何数据" in result.output
    assert count() == 0

    rows[1] = achievement_row(2)
    path.write_bytes(xlsx_bytes(ACHIEVEMENT_HEADERS, rows))
    result = invoke(runner, path, "achievement", user.email, "--submit")
    assert result.exit_code == 0, result.output
    assert "已全部提交审核" in result.output
    assert db.session.scalars(select(Achievement.status)).all() == ["submitted", "submitted"]

    again = invoke(runner, path, "achievement", user.email)
    assert again.exit_code != 0
    assert "同名成果" in again.output
    assert count() == 2


def test_cli_needs_and_refusals(runner, tmp_path):
    company, scholar = enterprise_user(), publisher()
    db.session.commit()
    path = tmp_path / "需求.csv"
    path.write_bytes(csv_bytes(NEED_HEADERS, [need_row()], "gbk"))
    assert invoke(runner, path, "need", company.email).exit_code == 0
    assert count(Need) == 1
    denied = invoke(runner, path, "need", scholar.email)
    assert denied.exit_code != 0 and "不能发布需求" in denied.output
    nobody = invoke(runner, path, "need", "nobody@example.org")
    assert nobody.exit_code != 0 and "找不到" in nobody.output
    text_file = tmp_path / "需求.txt"
    text_file.write_bytes(b"a,b\n")
    assert "仅支持" in invoke(runner, text_file, "need", company.email).output
