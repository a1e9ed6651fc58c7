"""``matchhub contracts import FILE``: register a CSV/XLSX file of contracts, all or none;
``matchhub contracts officers | appoint-officer | remove-officer``: registry officers."""

from pathlib import Path

import click
from flask.cli import AppGroup

from matchhub.audit.imports import run_audited
from matchhub.contracts import officers
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
               f"已登记且相同 {report.unchanged} 份")


def _domain_error(exc: DomainError) -> click.ClickException:
    details = "；".join(f"{k}：{'，'.join(v)}" for k, v in exc.fields.items())
    return click.ClickException(f"{exc.message}（{details}）" if details else exc.message)


@contracts_group.command("officers")
def officers_command() -> None:
    """List the registry officers in office (技术合同登记员)."""
    for officer in officers.current(db.session):
        click.echo(f"{officer.id}\t{officer.zone_code}\t{officer.office_name}\t"
                   f"{officer.user.email}")


@contracts_group.command("appoint-officer")
@click.argument("email")
@click.argument("zone_code")
@click.argument("office_name")
def appoint_officer_command(email: str, zone_code: str, office_name: str) -> None:
    """Appoint the zone administrator EMAIL as registry officer of ZONE_CODE (audited)."""
    try:
        officer = officers.appoint(db.session, None, officers.find_user(db.session, email),
                                   zone_code, office_name)
    except DomainError as exc:
        db.session.rollback()
        raise _domain_error(exc) from None
    db.session.commit()
    click.echo(f"已任命：{email} 为 {zone_code} {office_name} 技术合同登记员（编号 {officer.id}）")


@contracts_group.command("remove-officer")
@click.argument("officer_id", type=int)
def remove_officer_command(officer_id: int) -> None:
    """End the appointment OFFICER_ID (see ``matchhub contracts officers``; audited)."""
    try:
        officers.remove(db.session, None, officer_id)
    except DomainError as exc:
        db.session.rollback()
        raise _domain_error(exc) from None
    db.session.commit()
    click.echo(f"已免职：登记员编号 {officer_id}")
