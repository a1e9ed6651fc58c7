"""Import jobs: an uploaded file is saved in the data dir and recorded as a queued job; a
worker (matchhub.imports.worker) checks its rows into the staging table, committing its
progress and heartbeat every chunk, then writes them in one final transaction. A job whose
heartbeat stops (its worker died) is marked failed by the next poll or start, and its
staged rows and file are removed, so it leaves nothing behind.

Features register a JobKind (their spec, a writer factory and the audit action); the job
layer knows nothing else of them. A column map chosen by the user (column_map, ``{field:
file header}``) is kept on the job as data and applied before the rows are read, as are
the kind's options (e.g. apply_corrections). Headers that neither the template nor the map
explain are refused before a job is queued, with the suggested map in the report.
"""

import datetime as dt
import logging
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.audit.imports import run_audited
from matchhub.core.clock import today, zone
from matchhub.core.database import refresh_statistics
from matchhub.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from matchhub.core.uploads import planned_name, remove_after_commit, write_after_flush
from matchhub.imports.column_map import ColumnMap, apply_map, suggest
from matchhub.imports.columns import ImportSpec
from matchhub.imports.files import UnsupportedFile, file_format, open_table
from matchhub.imports.limits import check_archive, configured_limits
from matchhub.imports.mapping import Mapping, match_headers
from matchhub.imports.models import ImportJob, StagedRow
from matchhub.imports.report import ImportFailed, ImportReport
from matchhub.imports.staged_rows import CHUNK, BaseStagedWriter, Staged, stage_rows, write_staged

log = logging.getLogger(__name__)
STALE_MESSAGE = "导入进程已中断（超过 {seconds} 秒没有进展），未导入任何数据，请重新上传"


@dataclass(frozen=True)
class JobKind:
    spec: ImportSpec
    # (session, the job's owner or None for the command line, today, options) -> the writer
    writer: Callable[[Session, User | None, dt.date, dict[str, Any]], BaseStagedWriter]
    action: str  # the audit action, e.g. "import.contracts"


KINDS: dict[str, JobKind] = {}


def register_kind(name: str, kind: JobKind) -> None:
    KINDS[name] = kind


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def jobs_dir() -> Path:
    return Path(current_app.config["DATA_DIR"]) / "imports"


def create_job(session: Session, kind: str, owner: User | None, filename: str, data: bytes,
               via: str, column_map: ColumnMap | None = None,
               options: dict[str, Any] | None = None) -> ImportJob:
    """A queued job for an uploaded file, which must be CSV or XLSX (415 otherwise), the
    owner allowed to import it (403) and its headers known or mapped (spec.failure, 422,
    with the suggested map). The file is written once the row is flushed."""
    spec_kind = KINDS[kind]
    if file_format(filename, data) == "xlsx":
        _check_archive(data)
    writer = spec_kind.writer(session, owner, today(), options or {})
    try:
        writer.authorise()
    except PermissionDenied:  # recorded as a denied import, then raised again
        run_audited(session, owner, spec_kind.action, filename, via, writer.authorise)
    check_headers(spec_kind.spec, filename, data, column_map)
    reap_stale(session)
    job = ImportJob(kind=kind, owner_id=owner.id if owner else None, via=via,
                    filename=filename[:200], file_path=planned_name(filename),
                    mapping=column_map, options=options or {})
    session.add(job)
    session.flush()
    write_after_flush(session, jobs_dir() / job.file_path, data)
    return job


def check_headers(spec: ImportSpec, filename: str, data: bytes,
                  column_map: ColumnMap | None) -> None:
    """Raise spec.failure, carrying the suggested map, when the file's header row is not
    the template's and ``column_map`` does not explain it (only the header row is read)."""
    headers = open_table(filename, data, spec.max_rows).headers
    mapping = _mapping(spec, headers, column_map)
    if mapping.errors:
        report = ImportReport(errors=list(mapping.errors),
                              mapping=suggest(spec, mapping.names).as_dict())
        raise spec.failure(report)


def _check_archive(data: bytes) -> None:
    """A zip bomb is refused at once, before a job is queued."""
    try:
        check_archive(data, configured_limits())
    except zipfile.BadZipFile:
        raise UnsupportedFile("文件不是有效的 XLSX 工作簿") from None


def visible_job(session: Session, user: User, job_id: int) -> ImportJob:
    """The job, for its owner or a platform admin; NotFound for anyone else (so ids
    cannot be probed). Polling it also fails jobs whose worker died."""
    reap_stale(session)
    job = session.get(ImportJob, job_id)
    if job is None or not (job.owner_id == user.id or user.role == "platform_admin"):
        raise NotFound("没有该导入任务")
    return job


def claim(session: Session, job_id: int) -> bool:
    """Mark a queued job running; False when another worker already took it."""
    now = utcnow()
    claimed = session.execute(update(ImportJob).where(
        ImportJob.id == job_id, ImportJob.status == "queued").values(
        status="running", started_at=now, heartbeat_at=now, phase="checking"))
    session.commit()
    return claimed.rowcount == 1


def run_job(session: Session, job_id: int, day: dt.date | None = None) -> ImportJob | None:
    """Run a queued job to its end (succeeded or failed); None if it was not queued."""
    if not claim(session, job_id):
        return None
    job = session.get(ImportJob, job_id)
    try:
        report = _run_audited(session, job, day or today())
    except DomainError as exc:
        _fail(session, job, exc)
    except Exception:
        log.exception("import job %s failed", job_id)
        _fail(session, job, None)
    else:
        _succeed(job, report)
        refresh_statistics(session)  # thousands of rows may have arrived at once
    remove_after_commit(session, jobs_dir() / job.file_path)
    session.commit()
    return job


def _run_audited(session: Session, job: ImportJob, day: dt.date) -> ImportReport:
    kind, owner = KINDS[job.kind], _owner(session, job)
    writer = kind.writer(session, owner, day, job.options or {})
    return run_audited(session, owner, kind.action, job.filename, job.via,
                       lambda: _run(session, job, kind.spec, writer))


def _owner(session: Session, job: ImportJob) -> User | None:
    return session.get(User, job.owner_id) if job.owner_id is not None else None


def _run(session: Session, job: ImportJob, spec: ImportSpec,
         writer: BaseStagedWriter) -> ImportReport:
    writer.authorise()
    data = (jobs_dir() / job.file_path).read_bytes()
    table = open_table(job.filename, data, spec.max_rows)
    job.rows_total = table.estimate
    mapping = _mapping(spec, table.headers, job.mapping)
    stage = TableStage(session, job.id)
    report = stage_rows(spec, writer, mapping, table.rows, stage, _progress(session, job))
    job.rows_total = report.total
    report = write_staged(writer, stage, report, _progress(session, job, commit=False))
    if report.errors:  # refused while writing (e.g. a correction the owner may not make)
        raise spec.failure(report)
    return report


def _mapping(spec: ImportSpec, headers: list[str], column_map: ColumnMap | None) -> Mapping:
    """The headers matched to the spec, or through the user's column map."""
    if column_map is None:
        return match_headers(spec, headers)
    return apply_map(spec, headers, column_map)


class JobAbandoned(DomainError):
    """The job was failed meanwhile (its heartbeat was late and a poll reaped it)."""


def _progress(session: Session, job: ImportJob, commit: bool = True):
    """Record progress and the heartbeat; while checking, commit each chunk (the staged
    rows with it); while writing, the final transaction stays open. A job reaped
    meanwhile stops here, so a late worker never writes after its job was failed."""
    def progress(phase: str, done: int) -> None:
        alive = session.execute(update(ImportJob).where(
            ImportJob.id == job.id, ImportJob.status == "running").values(
            phase=phase, rows_done=done, heartbeat_at=utcnow()).execution_options(
            synchronize_session=False))
        if alive.rowcount != 1:
            raise JobAbandoned("导入任务已被标记为中断，未导入任何数据")
        if commit:
            session.commit()
    return progress


def _succeed(job: ImportJob, report: ImportReport) -> None:
    job.status, job.phase, job.report = "succeeded", "", report.as_dict()
    job.rows_done = report.total
    job.finished_at = utcnow()


def _fail(session: Session, job: ImportJob, exc: DomainError | None) -> None:
    """Roll back what the final transaction wrote, drop the staged rows, keep the report."""
    session.rollback()
    discard_staged(session, job.id)
    job.status, job.phase, job.finished_at = "failed", "", utcnow()
    report = getattr(exc, "report", None)
    job.report = report.as_dict() if isinstance(report, ImportReport) else None
    job.error = _message(exc)


def _message(exc: DomainError | None) -> str:
    if exc is None:
        return "导入时发生内部错误，未导入任何数据"
    if isinstance(exc, ValidationFailed) and not isinstance(exc, ImportFailed):
        details = [m for messages in exc.fields.values() for m in messages]
        return "；".join(details) or exc.message
    return exc.message


def discard_staged(session: Session, job_id: int) -> None:
    session.execute(delete(StagedRow).where(StagedRow.job_id == job_id))


def stale_seconds() -> int:
    return int(current_app.config["IMPORT_JOB_STALE_SECONDS"])


def _stale(limit: dt.datetime):
    """Running with a heartbeat older than ``limit``; or, unless a worker process takes
    queued jobs, queued since before it (the process that was to start it died)."""
    running = (ImportJob.status == "running") & (ImportJob.heartbeat_at < limit)
    if current_app.config["IMPORT_JOB_RUNNER"] == "queue":
        return running
    return running | ((ImportJob.status == "queued") & (ImportJob.created_at < limit))


def reap_stale(session: Session) -> list[int]:
    """Fail the jobs whose worker died (see _stale; IMPORT_JOB_STALE_SECONDS), removing
    their staged rows and files; the ids failed."""
    seconds = stale_seconds()
    limit = utcnow() - dt.timedelta(seconds=seconds)
    stale = list(session.scalars(select(ImportJob).where(_stale(limit))))
    reaped = []
    for job in stale:
        failed = session.execute(update(ImportJob).where(
            ImportJob.id == job.id, _stale(limit)).values(
            status="failed", phase="", finished_at=utcnow(),
            error=STALE_MESSAGE.format(seconds=seconds)).execution_options(
            synchronize_session=False))
        if failed.rowcount == 1:  # not finished or heartbeating meanwhile
            discard_staged(session, job.id)
            remove_after_commit(session, jobs_dir() / job.file_path)
            reaped.append(job.id)
    if reaped:
        session.expire_all()
    return reaped


class TableStage:
    """The staging rows of one job, in the main database but outside the main tables."""

    def __init__(self, session: Session, job_id: int):
        self.session, self.job_id = session, job_id

    def add(self, rows: list[Staged]) -> None:
        if rows:
            self.session.execute(StagedRow.__table__.insert(), [
                {"job_id": self.job_id, "row_number": number, "values": values}
                for number, values in rows])

    def chunks(self, size: int = CHUNK) -> Iterator[list[Staged]]:
        after = 0
        while True:
            found = self.session.execute(
                select(StagedRow.id, StagedRow.row_number, StagedRow.values)
                .where(StagedRow.job_id == self.job_id, StagedRow.id > after)
                .order_by(StagedRow.id).limit(size)).all()
            if not found:
                return
            after = found[-1].id
            yield [(row.row_number, row.values) for row in found]

    def discard(self) -> None:
        discard_staged(self.session, self.job_id)


def job_status(job: ImportJob, url: str = "") -> dict[str, Any]:
    """What a poll answers (times ISO 8601 in the configured zone, Asia/Shanghai)."""
    def when(value: dt.datetime | None) -> str | None:
        if value is None:
            return None
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite: naive UTC
        return aware.astimezone(zone()).isoformat()
    return {"id": job.id, "kind": job.kind, "filename": job.filename, "status": job.status,
            "phase": job.phase, "rows_done": job.rows_done, "rows_total": job.rows_total,
            "report": job.report, "error": job.error, "url": url,
            "created_at": when(job.created_at), "started_at": when(job.started_at),
            "finished_at": when(job.finished_at)}
