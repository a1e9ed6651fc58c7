"""``matchhub contracts import FILE``: register a CSV/XLSX file of contracts, all or none;
``matchhub contracts officers | appoint-officer | remove-officer``: registry officers."""

from pathlib import Path

import click
from flask.cli import AppGroup

from matchhub.contracts import officers
from matchhub.contracts.imports import MAP_KIND, SPEC
from matchhub.contracts.reimport import CANCELLED, CORRECTED, OUTCOME_LABELS
from matchhub.core.errors import DomainError
from matchhub.core.extensions import db
from matchhub.imports.cli_report import echo_columns, echo_failure
from matchhub.imports.jobs import create_job, run_job
from matchhub.imports.map_files import read_map_file
from matchhub.imports.map_options import chosen_map, remember
from matchhub.imports.models import ImportJob
from matchhub.imports.report import ImportFailed, ImportReport, RowError

contracts_group = AppGroup("contracts", help="技术合同登记（批量导入等）")


@contracts_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--map", "map_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="列映射文件（JSON 或 YAML，“字段: 表头”），文件表头与模板不同时使用")
@click.option("--use-map", "map_name", help="使用已保存的列映射（名称）")
@click.option("--save-map", "save_name", help="导入成功后把所用列映射保存为该名称")
def import_command(file: Path, map_file: Path | None, map_name: str | None,
                   save_name: str | None) -> None:
    """Import a CSV/XLSX file of registered contracts; all rows or none."""
    try:
        data = file.read_bytes()
        given = read_map_file(map_file) if map_file is not None else None
        columns = chosen_map(db.session, None, SPEC, MAP_KIND, given, map_name)
        job = create_job(db.session, "contracts", None, file.name, data, "cli", columns)
        remember(db.session, None, MAP_KIND, save_name, columns)
        db.session.commit()
    except ImportFailed as exc:  # headers neither the template's nor mapped
        db.session.rollback()
        echo_failure(exc.report, "合同")
        raise click.ClickException(exc.message) from None
    except DomainError as exc:
        db.session.rollback()
        details = "；".join(f"{k}：{'，'.join(v)}" for k, v in exc.fields.items())
        raise click.ClickException(f"{exc.message}（{details}）" if details else exc.message
                                   ) from None
    job = run_job(db.session, job.id)
    if job.status != "succeeded":
        _explain(job)
    echo_report(job.report)


def _explain(job: ImportJob) -> None:
    if job.report:
        echo_failure(_failure(job.report), "合同")
    raise click.ClickException(job.error)


def _failure(report: dict) -> ImportReport:
    """A failed job's report (JSON) as the report echo_failure prints."""
    return ImportReport(total=report["total"], errors=[RowError(**e) for e in report["errors"]],
                        mapping=report.get("mapping"))


def echo_report(report: dict) -> None:
    """A finished job's report (JSON): the counts, then the corrected and cancelled rows."""
    click.echo(f"导入完成：共 {report['total']} 行，新登记 {report['created']} 份，"
               f"已登记且相同 {report['unchanged']} 份，更正 {report['corrected']} 份，"
               f"已撤销 {report['cancelled']} 份；其中新登记的外省登记合同 "
               f"{report['registered_elsewhere']} 份（只计入吸纳口径）")
    for outcome in report["rows"]:
        if outcome["outcome"] in (CORRECTED, CANCELLED):
            listed = "；".join(f"{c['field']}：{c['old']} → {c['new']}"
                              for c in outcome["changes"])
            click.echo(f"  第 {outcome['row']} 行 {outcome['registration_number']}"
                       f"（{OUTCOME_LABELS[outcome['outcome']]}）{listed}")
    echo_columns(ImportReport(ignored=report["ignored"],
                              warnings=[RowError(**w) for w in report["warnings"]]))


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
