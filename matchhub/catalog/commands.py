"""``matchhub catalog import``: batch import of achievements and needs from the shell;
``matchhub expire``: the daily expiry of listings past their end date."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import func, select

from matchhub.accounts.models import User
from matchhub.audit.imports import run_audited
from matchhub.catalog.imports import ITEM_TYPES, SPECS, import_file, map_kind
from matchhub.catalog.services import ITEM_LABELS, expire_due
from matchhub.core.clock import today
from matchhub.core.errors import DomainError
from matchhub.core.extensions import db
from matchhub.imports import ImportFailed, ImportReport
from matchhub.imports.cli_report import echo_columns, echo_failure
from matchhub.imports.map_files import read_map_file
from matchhub.imports.map_options import chosen_map, remember

catalog_group = AppGroup("catalog", help="成果与需求（批量导入等）")


@catalog_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--type", "item_type", type=click.Choice(ITEM_TYPES), required=True,
              help="achievement（成果）或 need（需求）")
@click.option("--user", "email", required=True, help="以该用户的身份发布（邮箱）")
@click.option("--submit", is_flag=True, help="导入后逐条提交审核")
@click.option("--map", "map_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="列映射文件（JSON 或 YAML，“字段: 表头”），文件表头与模板不同时使用")
@click.option("--use-map", "map_name", help="使用已保存的列映射（名称）")
@click.option("--save-map", "save_name", help="导入成功后把所用列映射保存为该名称")
def import_command(file: Path, item_type: str, email: str, submit: bool, map_file: Path | None,
                   map_name: str | None, save_name: str | None) -> None:
    """Import a CSV/XLSX file of achievements or needs; all rows or none."""
    user = _find_user(email)
    kind = map_kind(item_type)
    try:
        data = file.read_bytes()
        given = read_map_file(map_file) if map_file is not None else None
        columns = chosen_map(db.session, user, SPECS[item_type], kind, given, map_name)
        report = run_audited(
            db.session, user, "import.catalog", file.name, "cli",
            lambda: import_file(db.session, user, item_type, file.name, data, today=today(),
                                submit=submit, column_map=columns,
                                default_validity=current_app.config["LISTING_VALIDITY_DAYS"]),
            item_type=item_type)
        remember(db.session, user, kind, save_name, columns)
    except ImportFailed as exc:
        db.session.rollback()
        echo_failure(exc.report, "数据")
        raise click.ClickException(exc.message) from None
    except DomainError as exc:
        db.session.rollback()
        details = "；".join(f"{k}：{'，'.join(v)}" for k, v in exc.fields.items())
        message = f"{exc.message}（{details}）" if details else exc.message
        raise click.ClickException(message) from None
    db.session.commit()
    _echo_success(report)


def _find_user(email: str) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None or not user.active:
        raise click.ClickException(f"找不到可用的用户：{email}")
    return user


def _echo_success(report: ImportReport) -> None:
    label = ITEM_LABELS[report.item_type]
    state = "，已全部提交审核" if report.submitted else "（草稿）"
    click.echo(f"共 {report.total} 行数据，已导入 {report.created} 条{label}{state}。")
    echo_columns(report)


@click.command("expire")
@with_appcontext
def expire_command() -> None:
    """Record the expiry of listings past their end date (run daily)."""
    count = expire_due(db.session, today())
    db.session.commit()
    click.echo(f"expired {count} listings")
