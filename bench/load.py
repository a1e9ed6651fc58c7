"""HTTP load on gunicorn over a catalogue of synthetic achievements (SQLite, embedded index).

    sudo apt-get install -y wrk        # once; without wrk a bounded Python generator is used
    python bench/load.py --items 100000 [--dir DIR] [--seconds 10] [--connections 2,8,32]
                         [--endpoints search,detail,list]

Fills a SQLite database with ``--items`` published achievements by bulk inserts
(bench/indexer_bench.py's ``populate``) and builds the index with ``indexer rebuild``;
with ``--dir`` the catalogue is kept and reused by the next run. Then serves the app with
``matchhub serve``'s gunicorn settings on 127.0.0.1 and, for each endpoint (search,
detail, list) and each connection count, runs ``wrk`` (or the Python generator) for
``--seconds`` against random URLs of that endpoint. Prints a table and one JSON object:
requests/s, p50/p99 latency (ms) and errors (socket errors, timeouts, non-2xx) per run.
Every run is bounded by time; the Python generator also by ``--max-requests``.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from flask_migrate import upgrade
from indexer_bench import app_for, populate
from search_speed import load_records
from sqlalchemy import select

from matchhub.core.config_files import config_dir
from matchhub.core.extensions import db

URLS_PER_ENDPOINT = 2000
WARM_REQUESTS, WARM_SECONDS = 40, 10.0
WRK_SCRIPT = """
local paths, n = {}, 0
for line in io.lines(os.getenv("LOAD_URLS")) do n = n + 1; paths[n] = line end
math.randomseed(os.time())
request = function() return wrk.format("GET", paths[math.random(n)]) end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('LOAD_RESULT {"requests": %d, "seconds": %f, "p50_us": %d, '
    .. '"p99_us": %d, "errors": %d}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def prepare(directory: Path, items: int, seed: int, workers: int) -> list[int]:
    """The catalogue in ``directory``, built unless it is already there; its ids."""
    from matchhub.search.indexing.runs import rebuild_now

    with app_for(directory).app_context():
        upgrade()
        if not achievement_ids():
            started = time.perf_counter()
            populate(items, seed)
            print(f"filled {items} items in {time.perf_counter() - started:.0f} s", flush=True)
            started = time.perf_counter()
            rebuild_now(workers)
            print(f"rebuilt the index in {time.perf_counter() - started:.0f} s", flush=True)
        return achievement_ids()


def achievement_ids() -> list[int]:
    from matchhub.catalog.models import Achievement

    with db.engine.connect() as conn:
        return list(conn.scalars(select(Achievement.id)))


def endpoint_urls(ids: list[int], seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    from urllib.parse import quote

    queries = [" ".join(r["keywords"][:2]) for r in load_records()]
    pages = max(1, min(len(ids) // 20, 500))
    return {
        "search": [f"/api/v1/search?type=achievement&q={quote(rng.choice(queries))}"
                   for _ in range(URLS_PER_ENDPOINT)],
        "detail": [f"/api/v1/achievements/{rng.choice(ids)}"
                   for _ in range(URLS_PER_ENDPOINT)],
        "list": [f"/api/v1/achievements/?page={rng.randint(1, pages)}"
                 for _ in range(URLS_PER_ENDPOINT)],
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(directory: Path, port: int, workers: int | None) -> subprocess.Popen:
    env = {**os.environ, "MATCHHUB_DATA_DIR": str(directory),
           "MATCHHUB_DATABASE_URL": f"sqlite:///{directory / 'bench.db'}",
           "MATCHHUB_SECRET_KEY": "bench", "MATCHHUB_BIND": f"127.0.0.1:{port}",
           "MATCHHUB_LOG_LEVEL": "warning",
           # One client address sends everything here: the per-client API limit would
           # answer most requests with 429, and this measures the app, not the limiter.
           "MATCHHUB_RATELIMIT_ENABLED": "false"}
    if workers:
        env["MATCHHUB_WORKERS"] = str(workers)
    args = [sys.executable, "-m", "gunicorn", "-c", str(config_dir() / "gunicorn.conf.py"),
            "--access-logfile", "/dev/null", "matchhub.wsgi:app"]
    server = subprocess.Popen(args, env=env)
    deadline = time.monotonic() + 60
    while get(port, "/health")[0] != 200:
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise SystemExit("gunicorn did not start")
        time.sleep(0.2)
    return server


def get(port: int, path: str, conn: http.client.HTTPConnection | None = None):
    """(status, connection to reuse); status 0 on a socket error."""
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, conn
    except (OSError, http.client.HTTPException):
        conn.close()
        return 0, None


def run_wrk(port: int, urls_file: Path, connections: int, seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        out = subprocess.run(
            ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s",
             "--timeout", "10s", "-s", script.name, f"http://127.0.0.1:{port}"],
            env={**os.environ, "LOAD_URLS": str(urls_file)}, capture_output=True, text=True,
            timeout=seconds + 60, check=True).stdout
    finally:
        os.unlink(script.name)
    raw = json.loads(out.split("LOAD_RESULT", 1)[1].strip().splitlines()[0])
    return {"requests": raw["requests"], "rps": round(raw["requests"] / raw["seconds"], 1),
            "p50_ms": round(raw["p50_us"] / 1000, 1), "p99_ms": round(raw["p99_us"] / 1000, 1),
            "errors": raw["errors"]}


def run_python(port: int, urls: list[str], connections: int, seconds: int,
               max_requests: int) -> dict:
    """``connections`` keep-alive clients in threads, until the time or request budget ends."""
    deadline, times, errors, lock = time.monotonic() + seconds, [], [0], threading.Lock()
    budget = iter(range(max_requests))

    def client() -> None:
        conn, rng = None, random.Random()
        while time.monotonic() < deadline and next(budget, None) is not None:
            started = time.perf_counter()
            status, conn = get(port, rng.choice(urls), conn)
            with lock:
                times.append(time.perf_counter() - started)
                errors[0] += not 200 <= status < 300

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    elapsed, times = time.monotonic() - started, sorted(times)
    return {"requests": len(times), "rps": round(len(times) / elapsed, 1),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p99_ms": round(times[int(0.99 * (len(times) - 1))] * 1000, 1),
            "errors": errors[0]}


def measure(port: int, urls: dict[str, list[str]], args, scratch: Path) -> list[dict]:
    use_wrk = args.tool == "wrk" or (args.tool == "auto" and shutil.which("wrk"))
    results = []
    for name, paths in urls.items():
        urls_file = scratch / f"{name}.txt"
        urls_file.write_text("\n".join(paths) + "\n")
        warm_until = time.monotonic() + WARM_SECONDS
        for path in paths[:WARM_REQUESTS]:  # open each worker's index, fill caches
            if time.monotonic() > warm_until:
                break
            get(port, path)
        for connections in args.connections:
            if use_wrk:
                result = run_wrk(port, urls_file, connections, args.seconds)
            else:
                result = run_python(port, paths, connections, args.seconds, args.max_requests)
            result = {"endpoint": name, "connections": connections, **result}
            print(f"{name:<8}{connections:>4} conn {result['rps']:>8} req/s  "
                  f"p50 {result['p50_ms']:>7} ms  p99 {result['p99_ms']:>7} ms  "
                  f"errors {result['errors']}", flush=True)
            results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--dir", default="", help="keep the catalogue here (reused if there)")
    parser.add_argument("--seconds", type=int, default=10, help="per endpoint and connections")
    parser.add_argument("--connections", type=lambda s: [int(c) for c in s.split(",")],
                        default=[2, 8, 32])
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers (default: config/gunicorn.conf.py's)")
    parser.add_argument("--endpoints", type=lambda s: s.split(","),
                        default=["search", "detail", "list"], help="which, comma-separated")
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--max-requests", type=int, default=200_000,
                        help="cap per run of the Python generator")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="matchhub-load-") as scratch:
        directory = Path(args.dir or scratch)
        directory.mkdir(parents=True, exist_ok=True)
        ids = prepare(directory, args.items, args.seed, workers=2)
        port = free_port()
        server = serve(directory, port, args.workers)
        try:
            urls = {name: paths for name, paths in endpoint_urls(ids, args.seed).items()
                    if name in args.endpoints}
            results = measure(port, urls, args, Path(scratch))
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(json.dumps({"items": len(ids), "seconds": args.seconds, "workers": args.workers,
                      "cpus": os.cpu_count(), "results": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
