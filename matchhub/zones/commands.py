"""``matchhub zones report --year YYYY [--half 1|2 | --quarter 1-4 | --to YYYY-MM-DD]
[--zone CODE] [--json]``: the indicators of a year or of a period in it.

The statistics are imported when a command runs, not with this module, so that
``matchhub zones --help`` answers at once (matchhub/cli.py)."""

import json
from decimal import Decimal
from pathlib import Path

import click
from flask.cli import AppGroup

from matchhub.core.clock import today
from matchhub.zones.official.periods import CALIBERS

zones_group = AppGroup("zones", help="示范区指标")


def _validate_zone(_ctx, _param, value: str | None) -> str | None:
    from matchhub.core.regions import zones

    if value is not None and value not in zones():
        raise click.BadParameter(f"未知的示范区代码：{value}（可选：{'、'.join(zones())}）")
    return value


@zones_group.command("report")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="统计年度")
@click.option("--half", type=click.IntRange(1, 2), default=None, help="半年（1 上半年，2 下半年）")
@click.option("--quarter", type=click.IntRange(1, 4), default=None, help="季度（1-4）")
@click.option("--to", "to", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="年初至该日（YYYY-MM-DD，须在统计年度内）")
@click.option("--zone", default=None, callback=_validate_zone, help="只输出一个示范区（代码）")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
def report_command(year: int, half: int | None, quarter: int | None, to, zone: str | None,
                   as_json: bool) -> None:
    """Every indicator of a year or period, per zone and for the province; growth is
    against the same period of the previous year."""
    from matchhub.core.extensions import db
    from matchhub.core.money import format_money
    from matchhub.zones.services import PeriodError, build_report, period_from

    try:
        period = period_from(year, half, quarter, to.date() if to else None)
    except PeriodError as error:
        raise click.BadParameter(str(error), param_hint=f"--{error.field}") from None
    report = build_report(db.session, period, zone, today())
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{report.period.label}技术合同成交额（输出口径，按登记日期；"
               f"增长为{report.period.growth_label}）")
    for scope in [*report.zones, report.province]:
        values = scope.indicators
        volume = format_money(Decimal(values["contract_volume_output"].value))
        count = values["contract_count_output"].value
        click.echo(f"  {scope.name:<10} {volume:>16}  {count:>7} 项")


@zones_group.command("official-import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--caliber", type=click.Choice(list(CALIBERS)), default="output",
              help="口径（指标名以“吸纳”开头的行总是吸纳口径）")
def official_import_command(file: Path, caliber: str) -> None:
    """Import officially published figures from a published-statistics CSV."""
    from matchhub.core.errors import ValidationFailed
    from matchhub.core.extensions import db
    from matchhub.zones import services

    try:
        result = services.import_published(db.session, file.read_text(encoding="utf-8-sig"),
                                           today(), caliber)
    except ValidationFailed as exc:
        db.session.rollback()
        details = "；".join(f"{k}：{'，'.join(v)}" for k, v in exc.fields.items())
        raise click.ClickException(f"未导入任何数据：{details}") from None
    db.session.commit()
    for skipped in result.skipped:
        click.echo(f"  跳过第 {skipped.row} 行：{skipped.reason}")
    click.echo(f"官方发布数据：新录入 {result.created} 条，与已录入相同 {result.unchanged} 条，"
               f"跳过 {len(result.skipped)} 行")
