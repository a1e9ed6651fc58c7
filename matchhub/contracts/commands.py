"""``matchhub contracts import FILE``: register a CSV/XLSX file of contracts, all or none."""

from pathlib import Path

import click
from flask.cli import AppGroup

from matchhub.audit.imports import run_audited
from matchhub.contracts.imports import ContractImportFailed, import_contracts
from matchhub.core.clock import today
from matchhub.core.errors import DomainError
from matchhub.core.extensions import db

contracts_group = AppGroup("contracts", help="技术合同登记（批量导入等）")


@contracts_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import a CSV/XLSX file of registered contracts; all rows or none."""
    try:
        data = file.read_bytes()
        report = run_audited(db.session, None, "import.contracts", file.name, "cli",
                             lambda: import_contracts(db.session, None, file.name, data,
                                                      today=today()))
    except ContractImportFailed as exc:
        db.session.rollback()
        click.echo(f"共 {exc.report.total} 行数据，未导入任何合同。错误如下：", err=True)
        for error in exc.report.errors:
            where = f"「{error.field}」" if error.field else ""
            click.echo(f"  第 {error.row} 行{where}：{error.message}", err=True)
        raise click.ClickException(exc.message) from None
    except DomainError as exc:
        db.session.rollback()
        details = "；".join(f"{k}：{'，'.join(v)}" for k, v in exc.fields.items())
        raise click.ClickException(f"{exc.message}（{details}）" if details else exc.message
                                   ) from None
    db.session.commit()
    click.echo(f"导入完成：共 {report.total} 行，新登记 {report.created} 份，"
               f"已登记且相同 {report.unchanged} 份，其中新登记的外省登记合同 "
               f"{report.registered_elsewhere} 份（只计入吸纳口径）")
