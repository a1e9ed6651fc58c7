"""``matchhub contracts import FILE``: register a CSV/XLSX file of contracts, all or none."""

from pathlib import Path

import click
from flask.cli import AppGroup

from matchhub.core.errors import DomainError
from matchhub.core.extensions import db
from matchhub.imports.jobs import create_job, run_job
from matchhub.imports.models import ImportJob

contracts_group = AppGroup("contracts", help="技术合同登记（批量导入等）")


@contracts_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import a CSV/XLSX file of registered contracts; all rows or none."""
    try:
        job = create_job(db.session, "contracts", None, file.name, file.read_bytes(), "cli")
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        details = "；".join(f"{k}：{'，'.join(v)}" for k, v in exc.fields.items())
        raise click.ClickException(f"{exc.message}（{details}）" if details else exc.message
                                   ) from None
    job = run_job(db.session, job.id)
    if job.status != "succeeded":
        _explain(job)
    report = job.report
    click.echo(f"导入完成：共 {report['total']} 行，新登记 {report['created']} 份，"
               f"已登记且相同 {report['unchanged']} 份")


def _explain(job: ImportJob) -> None:
    if job.report:
        click.echo(f"共 {job.report['total']} 行数据，未导入任何合同。错误如下：", err=True)
        for error in job.report["errors"]:
            where = f"「{error['field']}」" if error["field"] else ""
            click.echo(f"  第 {error['row']} 行{where}：{error['message']}", err=True)
    raise click.ClickException(job.error)
