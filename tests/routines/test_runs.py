"""The daily routines run once per day per deployment: the run table makes a second run
the same day a no-op (also from another process), a failure is recorded without
stopping the others, and one scheduler per data dir holds the file lock."""

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchhub.core.extensions import db
from matchhub.notifications.daily import remind_yearly_reports
from matchhub.notifications.models import Notification
from matchhub.routines.models import RoutineRun
from matchhub.routines.runs import claim, run_due
from matchhub.routines.scheduler import lock_for, serve_forever
from tests.factories import UserFactory

DAY = dt.date(2026, 6, 1)
pytestmark = pytest.mark.commits  # a claim commits before its routine runs


def counting_jobs(calls: list[str]):
    def job(name):
        def run(session, on):
            calls.append(f"{name}@{on}")
            return f"{name} ok"
        return run
    return {"first": job("first"), "second": job("second")}


def test_each_routine_runs_once_a_day():
    calls: list[str] = []
    jobs = counting_jobs(calls)
    assert run_due(db.session, jobs, DAY) == {"first": "first ok", "second": "second ok"}
    assert run_due(db.session, jobs, DAY) == {}
    assert run_due(db.session, jobs, DAY + dt.timedelta(days=1)).keys() == {"first", "second"}
    assert calls == ["first@2026-06-01", "second@2026-06-01",
                     "first@2026-06-02", "second@2026-06-02"]
    runs = db.session.scalars(select(RoutineRun).order_by(RoutineRun.id)).all()
    assert all(r.finished_at is not None and r.outcome.endswith("ok") for r in runs)


def test_a_day_claimed_by_another_process_is_skipped():
    with Session(db.engine) as other:  # another worker or host, its own connection
        assert claim(other, "first", DAY) is not None
    calls: list[str] = []
    assert run_due(db.session, counting_jobs(calls), DAY) == {"second": "second ok"}
    assert calls == ["second@2026-06-01"]
    with Session(db.engine) as other:
        assert claim(other, "second", DAY) is None


def test_a_failing_routine_is_recorded_and_the_others_still_run():
    def broken(session, on):
        raise RuntimeError("disk full")
    calls: list[str] = []
    jobs = {"broken": broken, **counting_jobs(calls)}
    done = run_due(db.session, jobs, DAY)
    assert done["broken"] == "failed: RuntimeError: disk full" and len(calls) == 2
    assert run_due(db.session, jobs, DAY) == {}  # not retried the same day


def test_a_second_scheduler_on_the_same_data_dir_stays_idle(app):
    stopped = threading.Event()
    stopped.set()  # a scheduler that got the lock returns True at once
    with lock_for(app):
        assert serve_forever(app, stopped, interval=1) is False
    assert db.session.scalar(select(func.count()).select_from(RoutineRun)) == 0
    assert serve_forever(app, stopped, interval=1) is True  # the lock is free again


def test_the_yearly_report_reminder_comes_once_in_december(app):
    zone_admin = UserFactory(zone_admin=True)
    db.session.commit()
    with app.test_request_context():
        assert remind_yearly_reports(db.session, dt.date(2026, 11, 30)) == 0
        assert remind_yearly_reports(db.session, dt.date(2026, 12, 1)) == 1
        assert remind_yearly_reports(db.session, dt.date(2026, 12, 2)) == 0
    [note] = db.session.scalars(select(Notification).where(
        Notification.user_id == zone_admin.id)).all()
    assert note.kind == "report_due" and "2026" in note.title
