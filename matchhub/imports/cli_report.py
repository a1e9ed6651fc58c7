"""What the import commands print besides their counts: a refused file's errors, the
suggested column map of a file with other headers, and the columns an import ignored or
flagged."""

import click

from matchhub.imports.report import ImportReport


def echo_failure(report: ImportReport, noun: str) -> None:
    """A refused file: nothing imported (``noun`` names its rows), each error, and the
    suggested column map when the headers were not the template's."""
    click.echo(f"共 {report.total} 行数据，未导入任何{noun}。错误如下：", err=True)
    for error in report.errors:
        where = f"「{error.field}」" if error.field else ""
        click.echo(f"  第 {error.row} 行{where}：{error.message}", err=True)
    echo_suggestion(report)


def echo_suggestion(report: ImportReport) -> None:
    if report.mapping is None:
        return
    click.echo("表头与模板不同，可用 --map 指定列映射（JSON 或 YAML）。建议的映射（字段: 表头）：",
               err=True)
    for name, header in report.mapping["suggested"].items():
        click.echo(f"  {name}: {header}", err=True)
    for label in report.mapping["missing"]:
        click.echo(f"  {label}: （文件中没有找到对应的列）", err=True)


def echo_columns(report: ImportReport) -> None:
    for header in report.ignored:
        click.echo(f"  未导入的列：{header}")
    for warning in report.warnings:
        click.echo(f"  注意「{warning.field}」：{warning.message}")
