"""The scheduler loop: once a minute, run the daily routines that are due (from
ROUTINES_HOUR local time) and send the email outbox. One loop per data dir: a file
lock keeps a second scheduler idle; the run table keeps a day's run single even across
hosts sharing the database."""

import logging
import threading
from pathlib import Path

from filelock import FileLock, Timeout
from flask import Flask

from matchhub.core.clock import now, today
from matchhub.core.extensions import db
from matchhub.notifications.daily import send_outbox
from matchhub.routines.jobs import DAILY
from matchhub.routines.runs import run_due

log = logging.getLogger(__name__)
LOCK_NAME = "scheduler.lock"


def lock_for(app: Flask) -> FileLock:
    return FileLock(str(Path(app.config["DATA_DIR"]) / LOCK_NAME))


def tick(app: Flask) -> dict[str, str]:
    """One pass: due daily routines (after ROUTINES_HOUR), then the outbox."""
    with app.app_context(), app.test_request_context(base_url=app.config["PUBLIC_URL"]):
        done = {}
        if now().hour >= app.config["ROUTINES_HOUR"]:
            done = run_due(db.session, DAILY, today())
        done["send"] = send_outbox(db.session, app.config)
        db.session.remove()
    return done


def serve_forever(app: Flask, stop: threading.Event, interval: float) -> bool:
    """Tick every ``interval`` seconds until ``stop`` is set; False at once when another
    scheduler holds the lock."""
    lock = lock_for(app)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.info("another scheduler holds %s: this one stays idle", lock.lock_file)
        return False
    try:
        log.info("scheduler running (routines from %02d:00 local time)",
                 app.config["ROUTINES_HOUR"])
        while not stop.is_set():
            for name, outcome in tick(app).items():  # the outbox every tick: debug only
                log.log(logging.DEBUG if name == "send" else logging.INFO,
                        "routine %s: %s", name, outcome)
            stop.wait(interval)
    finally:
        lock.release()
    return True
