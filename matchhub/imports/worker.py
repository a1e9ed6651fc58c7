"""Who runs a queued import job, by IMPORT_JOB_RUNNER:

- ``thread`` (default): a daemon thread of the process that took the upload, with its own
  app context and database session; works under gunicorn (gthread or sync) and the test
  client. If that process dies the job's heartbeat stops and the next poll fails it.
- ``inline``: in the request itself, after the job row is committed (tests, small sites).
- ``queue``: left queued for ``matchhub imports work``, a separate worker process.
"""

import threading
import time

from flask import Flask, current_app

from matchhub.core.extensions import db
from matchhub.imports.jobs import reap_stale, run_job
from matchhub.imports.models import ImportJob

RUNNERS = ("thread", "inline", "queue")


def start_job(job_id: int) -> None:
    """Hand a committed, queued job to the configured runner."""
    runner = current_app.config["IMPORT_JOB_RUNNER"]
    if runner == "inline":
        run_job(db.session, job_id)
    elif runner == "thread":
        app = current_app._get_current_object()  # noqa: SLF001 (the app, for the thread)
        threading.Thread(target=_in_thread, args=(app, job_id), daemon=True,
                         name=f"import-job-{job_id}").start()


def _in_thread(app: Flask, job_id: int) -> None:
    with app.app_context():
        try:
            run_job(db.session, job_id)
        finally:
            db.session.remove()


def work_once() -> int:
    """Fail stale jobs, then run every queued job, oldest first; how many ran."""
    reap_stale(db.session)
    db.session.commit()
    ran = 0
    while (job_id := db.session.scalar(db.select(ImportJob.id).where(
            ImportJob.status == "queued").order_by(ImportJob.id).limit(1))) is not None:
        ran += run_job(db.session, job_id) is not None
    return ran


def work_forever(interval: float) -> None:
    while True:
        if not work_once():
            time.sleep(interval)
