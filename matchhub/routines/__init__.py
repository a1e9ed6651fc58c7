"""Scheduled work that runs by itself: listing expiry, the notifications' daily run
(matches, reminders, digests, yearly-report reminders), routing of new needs, and the
email outbox.

``matchhub scheduler`` runs the loop; ``matchhub serve`` and ``matchhub demo`` start it
beside gunicorn (config/gunicorn.conf.py) unless MATCHHUB_SCHEDULER=0. Each daily
routine runs once per day per deployment: a ``routine_runs`` row claims the day (the
unique key is the lock across processes and hosts), and a file lock keeps a second
scheduler on the same data dir idle.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub.core.settings import ConfigError, parse_int
    from matchhub.routines.commands import routines_group, scheduler_command

    hour = parse_int(app.config["ROUTINES_HOUR"], "ROUTINES_HOUR")
    if hour > 23:
        raise ConfigError(f"ROUTINES_HOUR must be 0..23, got {hour}")
    app.config["ROUTINES_HOUR"] = hour

    app.cli.add_command(routines_group)
    app.cli.add_command(scheduler_command)
