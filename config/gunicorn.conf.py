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
