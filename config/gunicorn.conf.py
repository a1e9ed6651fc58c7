"""gunicorn settings for ``matchhub serve``; MATCHHUB_BIND and MATCHHUB_WORKERS override."""

import multiprocessing
import os
import time

bind = os.environ.get("MATCHHUB_BIND", "127.0.0.1:5000")
# One worker per core, two threads each: requests are CPU-bound (search, rendering), and
# more processes than cores only queue behind each other (figures: bench/load.txt).
workers = int(os.environ.get("MATCHHUB_WORKERS") or max(2, multiprocessing.cpu_count()))
threads = int(os.environ.get("MATCHHUB_THREADS", "2"))
timeout = 60
graceful_timeout = 30
keepalive = 5
# Log times in the platform's zone with their offset (e.g. +0800), as pages show them. The
# app itself never reads the process's zone (matchhub.core.clock names its zone).
os.environ["TZ"] = os.environ.get("MATCHHUB_TIME_ZONE") or "Asia/Shanghai"
time.tzset()
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("MATCHHUB_LOG_LEVEL", "info")
# Load the app in the master so a configuration error stops startup at once.
preload_app = True

# The scheduler (daily routines and the email outbox, matchhub/routines) runs as one
# child process of the gunicorn master, so it runs once however many workers there are.
# MATCHHUB_SCHEDULER=0 leaves it out (run `matchhub scheduler` separately instead).
_scheduler = []


def when_ready(server):
    import subprocess
    import sys

    if os.environ.get("MATCHHUB_SCHEDULER", "1") == "0":
        return
    _scheduler.append(subprocess.Popen([sys.executable, "-m", "matchhub.cli", "scheduler"]))
    server.log.info("scheduler started (pid %s)", _scheduler[0].pid)


def on_exit(server):
    for process in _scheduler:
        process.terminate()
