"""``matchhub zones report --year YYYY [--half 1|2 | --quarter 1-4 | --to YYYY-MM-DD]
[--zone CODE] [--json]``: the indicators of a year or of a period in it."""

import json
from decimal import Decimal

import click
from flask.cli import AppGroup

from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.core.money import format_money
from matchhub.core.regions import zones
from matchhub.zones.services import PeriodError, build_report, period_from

zones_group = AppGroup("zones", help="示范区指标")


def _validate_zone(_ctx, _param, value: str | None) -> str | None:
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
