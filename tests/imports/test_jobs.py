"""Import jobs: queued -> running (rows staged) -> succeeded with the report; a refused row
or a failure while writing leaves nothing behind; a job whose heartbeat stopped is failed
by the next poll and its staged rows removed; the thread and queue runners."""

import datetime as dt
import io
import time
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from matchhub.audit.models import AuditEntry
from matchhub.contracts import imports as contract_imports
from matchhub.contracts.models import Contract, ContractChange
from matchhub.core.errors import NotFound, PermissionDenied
from matchhub.core.extensions import db
from matchhub.imports import jobs
from matchhub.imports.jobs import TableStage, claim, create_job, run_job, visible_job
from matchhub.imports.models import ImportJob, StagedRow
from tests.api.helpers import bearer
from tests.contracts.helpers import CSV_HEADERS, TODAY, csv_row
from tests.contracts.people import broker, officer, platform_admin
from tests.imports.helpers import csv_bytes


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def ledger(rows: int, **bad) -> bytes:
    """``rows`` good contract rows; ``bad`` maps a row index to changed cells."""
    return csv_bytes(CSV_HEADERS, [csv_row(n, **bad.get(f"r{n}", {}))
                                   for n in range(1, rows + 1)])


def queued(user, data: bytes, name: str = "合同.csv") -> ImportJob:
    job = create_job(db.session, "contracts", user, name, data, "web")
    db.session.commit()
    return job


def test_a_job_is_queued_then_runs_through_staging_to_its_report(monkeypatch):
    admin = platform_admin()
    job = queued(admin, ledger(1500))
    stored = jobs.jobs_dir() / job.file_path
    assert (job.status, job.owner_id, stored.exists()) == ("queued", admin.id, True)
    seen = []
    real = jobs.write_staged

    def writing(writer, stage, report, progress):
        seen.append((job.status, job.phase, job.rows_done, count(StagedRow), count(Contract)))
        return real(writer, stage, report, progress)

    monkeypatch.setattr(jobs, "write_staged", writing)
    run_job(db.session, job.id, TODAY)
    # every row checked and staged (committed chunk by chunk), none written yet
    assert seen == [("running", "checking", 1500, 1500, 0)]
    assert (job.status, job.rows_done, job.rows_total) == ("succeeded", 1500, 1500)
    assert (job.report["created"], job.report["unchanged"], job.report["errors"]) == (1500, 0, [])
    assert sorted(job.report["ids"]) == sorted(db.session.scalars(select(Contract.id)))
    assert (count(Contract), count(ContractChange), count(StagedRow)) == (1500, 1500, 0)
    assert job.started_at <= job.heartbeat_at <= job.finished_at
    assert not stored.exists()


def test_a_finished_job_leaves_planner_statistics_for_what_it_wrote():
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's autovacuum analyses changed tables")
    run_job(db.session, queued(platform_admin(), ledger(20)).id, TODAY)
    analysed = db.session.scalars(db.text("SELECT tbl FROM sqlite_stat1")).all()
    assert "contracts" in analysed


def test_a_bad_row_late_in_a_large_file_writes_nothing():
    job = queued(officer("620100"), ledger(2500, r2400={"成交额(元)": "12.345"}))
    run_job(db.session, job.id, TODAY)
    assert job.status == "failed" and "未导入任何合同" in job.error
    assert [(e["row"], e["field"]) for e in job.report["errors"]] == [(2401, "成交额(元)")]
    assert (count(Contract), count(ContractChange), count(StagedRow)) == (0, 0, 0)


def test_a_failure_while_writing_rolls_everything_back(monkeypatch):
    moved = []

    def move_new(self, job_id, dialect):
        real_move(self, job_id, dialect)
        moved.append(count(Contract))  # every row written in the final transaction ...
        raise RuntimeError("disk full")  # ... then the disk fills before it commits

    real_move = contract_imports.ContractWriter._move_new
    monkeypatch.setattr(contract_imports.ContractWriter, "_move_new", move_new)
    job = queued(platform_admin(), ledger(1200))
    run_job(db.session, job.id, TODAY)
    assert moved == [1200]
    assert job.status == "failed" and "内部错误" in job.error
    assert (count(Contract), count(ContractChange), count(StagedRow)) == (0, 0, 0)


def test_staged_rows_are_written_inside_the_database_with_their_values():
    admin = platform_admin()
    job = queued(admin, ledger(3, r2={"成交额(元)": "1234567.89", "签订日期": "2016-02-29"},
                               r3={"卖方地区代码": "110108"}))
    run_job(db.session, job.id, TODAY)
    assert job.status == "succeeded", job.error
    written = db.session.scalars(select(Contract).order_by(Contract.id)).all()
    assert [c.id for c in written] == job.report["ids"]
    second = written[1]
    assert (second.volume, second.signed_on) == (Decimal("1234567.89"), dt.date(2016, 2, 29))
    assert (second.status, second.created_by_id, second.confirmed_by_id) == (
        "active", admin.id, admin.id)
    assert second.confirmed_at is not None and second.created_at is not None
    assert [c.registered_elsewhere for c in written] == [False, False, True]
    assert job.report["registered_elsewhere"] == 1
    changes = db.session.scalars(select(ContractChange).order_by(ContractChange.id)).all()
    assert [(c.contract_id, c.action, c.user_id) for c in changes] == [
        (c.id, "import", admin.id) for c in written]


def test_a_job_whose_worker_died_is_failed_by_the_next_poll(app):
    owner = platform_admin()
    job = queued(owner, ledger(3))
    assert claim(db.session, job.id) and not claim(db.session, job.id)
    TableStage(db.session, job.id).add([(2, {"name": "x"}), (3, {"name": "y"})])
    db.session.commit()
    assert visible_job(db.session, owner, job.id).status == "running"  # heartbeat fresh
    stale = app.config["IMPORT_JOB_STALE_SECONDS"] + 1
    job.heartbeat_at = jobs.utcnow() - dt.timedelta(seconds=stale)
    db.session.commit()
    polled = visible_job(db.session, owner, job.id)
    db.session.commit()
    assert polled.status == "failed" and "中断" in polled.error
    assert count(StagedRow) == 0 and count(Contract) == 0
    assert not (jobs.jobs_dir() / job.file_path).exists()
    assert run_job(db.session, job.id, TODAY) is None  # a failed job is not run again


def test_a_late_worker_stops_once_its_job_was_failed(monkeypatch):
    """A worker whose heartbeat was late (its job reaped by a poll) writes nothing more."""
    real_add = TableStage.add

    def add_then_reaped(stage, rows):
        real_add(stage, rows)
        db.session.execute(update(ImportJob).values(status="failed"))

    monkeypatch.setattr(TableStage, "add", add_then_reaped)
    job = queued(platform_admin(), ledger(1200))
    run_job(db.session, job.id, TODAY)
    assert job.status == "failed" and "中断" in job.error
    assert (count(Contract), count(StagedRow)) == (0, 0)


def test_jobs_are_refused_to_others_and_checked_at_upload():
    owner, other = officer("620100"), officer("620100")
    job = queued(owner, ledger(1))
    with pytest.raises(NotFound):
        visible_job(db.session, other, job.id)
    assert visible_job(db.session, platform_admin(), job.id) is job
    denied = broker()
    db.session.commit()  # a refused import is rolled back before its audit entry
    with pytest.raises(PermissionDenied):
        create_job(db.session, "contracts", denied, "合同.csv", ledger(1), "web")
    db.session.rollback()
    assert count(ImportJob) == 1
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.actor_id == denied.id)).one()
    assert (entry.action, entry.details["outcome"]) == ("import.contracts", "denied")


def test_a_queued_job_nobody_started_is_failed_unless_a_worker_process_takes_them(app,
                                                                                monkeypatch):
    owner = platform_admin()
    job = queued(owner, ledger(1))
    job.created_at = jobs.utcnow() - dt.timedelta(seconds=stale_after(app))
    db.session.commit()
    monkeypatch.setitem(app.config, "IMPORT_JOB_RUNNER", "queue")
    assert visible_job(db.session, owner, job.id).status == "queued"  # waits for the worker
    monkeypatch.setitem(app.config, "IMPORT_JOB_RUNNER", "thread")
    assert visible_job(db.session, owner, job.id).status == "failed"


def test_a_poll_shows_times_in_the_configured_zone():
    job = queued(platform_admin(), ledger(1))
    run_job(db.session, job.id, TODAY)
    shown = jobs.job_status(job)
    assert shown["created_at"].endswith("+08:00") and shown["finished_at"].endswith("+08:00")


def stale_after(app) -> int:
    return app.config["IMPORT_JOB_STALE_SECONDS"] + 1


def test_a_mapping_kept_on_the_job_assigns_the_columns():
    """A mapping step's column map ({field: file header}) plugs in as data on the job."""
    column_map = {header: f"列{n}" for n, header in enumerate(CSV_HEADERS, start=1)}
    foreign = csv_bytes([f"列{n}" for n in range(1, len(CSV_HEADERS) + 1)], [csv_row(1)])
    job = create_job(db.session, "contracts", platform_admin(), "外部.csv", foreign, "api",
                     column_map)
    db.session.commit()
    run_job(db.session, job.id, TODAY)
    assert job.status == "succeeded" and job.report["created"] == 1


def test_queued_jobs_wait_for_the_worker_command(app, client, runner, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_JOB_RUNNER", "queue")
    headers = bearer(platform_admin(), ["contracts:write"])
    started = client.post("/api/v1/contracts/import", headers=headers,
                          content_type="multipart/form-data",
                          data={"file": (_upload(ledger(2)), "合同.csv")})
    assert started.status_code == 202 and started.get_json()["status"] == "queued"
    result = runner.invoke(args=["imports", "work", "--once"])
    assert result.exit_code == 0 and "运行了 1 个导入任务" in result.output
    polled = client.get(started.get_json()["url"], headers=headers).get_json()
    assert polled["status"] == "succeeded" and polled["report"]["created"] == 2


def _upload(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


@pytest.mark.commits
def test_the_thread_runner_imports_beside_the_request(app, client, monkeypatch):
    """The page's upload starts a thread; the status endpoint is polled as the page does."""
    from tests.web.helpers import login

    monkeypatch.setitem(app.config, "IMPORT_JOB_RUNNER", "thread")
    login(client, platform_admin())
    db.session.commit()
    started = client.post("/contracts/import", content_type="multipart/form-data",
                          data={"file": (_upload(ledger(30)), "合同.csv")})
    assert started.status_code == 303
    url = started.headers["Location"] + "/status"
    job = client.get(url).get_json()
    for _ in range(600):  # the page polls every second; this waits at most a minute
        if job["status"] in ("succeeded", "failed"):
            break
        time.sleep(0.1)
        job = client.get(url).get_json()
    assert job["status"] == "succeeded", job
    assert job["report"]["created"] == 30 and job["rows_done"] == 30
    db.session.remove()
    assert count(Contract) == 30 and count(StagedRow) == 0


def test_a_50000_row_ledger_fits_the_upload_limits(app, client, monkeypatch):
    """The upload is taken (202) and queued; running it is bench/import_memory.py's part."""
    monkeypatch.setitem(app.config, "IMPORT_JOB_RUNNER", "queue")
    data = ledger(50_000)
    assert len(data) < app.config["MAX_CONTENT_LENGTH"]
    headers = bearer(platform_admin(), ["contracts:write"])
    started = client.post("/api/v1/contracts/import", headers=headers,
                          content_type="multipart/form-data",
                          data={"file": (_upload(data), "台账.csv")})
    assert started.status_code == 202 and started.get_json()["status"] == "queued"
    job = db.session.get(ImportJob, started.get_json()["id"])
    assert (jobs.jobs_dir() / job.file_path).stat().st_size == len(data)
