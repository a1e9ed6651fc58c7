"""``matchhub zones report --year YYYY [--zone CODE] [--json]``: the yearly indicators.

The statistics are imported when a command runs, not with this module, so that
``matchhub zones --help`` answers at once (matchhub/cli.py)."""

import json
from decimal import Decimal

import click
from flask.cli import AppGroup

from matchhub.core.clock import today

zones_group = AppGroup("zones", help="示范区指标")


def _validate_zone(_ctx, _param, value: str | None) -> str | None:
    from matchhub.core.regions import zones

    if value is not None and value not in zones():
        raise click.BadParameter(f"未知的示范区代码：{value}（可选：{'、'.join(zones())}）")
    return value


@zones_group.command("report")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="统计年度")
@click.option("--zone", default=None, callback=_validate_zone, help="只输出一个示范区（代码）")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
def report_command(year: int, zone: str | None, as_json: bool) -> None:
    """Every indicator of a year, per zone and for the province."""
    from matchhub.core.extensions import db
    from matchhub.core.money import format_money
    from matchhub.zones.services import build_report

    report = build_report(db.session, year, zone, today())
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{year} 年技术合同成交额（输出口径，按登记日期）")
    for scope in [*report.zones, report.province]:
        values = scope.indicators
        volume = format_money(Decimal(values["contract_volume_output"].value))
        count = values["contract_count_output"].value
        click.echo(f"  {scope.name:<10} {volume:>16}  {count:>7} 项")
