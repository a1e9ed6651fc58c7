"""In-process time of one search API request over a kept ``bench/load.py`` catalogue.

    python bench/search_request.py --dir DIR [--requests 200] [--profile N]

Serves ``bench/load.py``'s search URLs (same seed) through the app's test client, with
rate limits off as in the load run, after 20 warm-up requests; prints the median and p90
per-request time in ms as one JSON object. Less noisy on a shared machine than an HTTP
load run; the search response cache is off. ``--profile N`` also prints the N costliest
functions (cumulative) under cProfile.
"""

import argparse
import cProfile
import json
import pstats
import statistics
import time
from pathlib import Path

from indexer_bench import app_for
from load import achievement_ids, endpoint_urls

WARM = 20


def timed(client, paths: list[str]) -> list[float]:
    times = []
    for path in paths:
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", required=True, help="a catalogue kept by bench/load.py --dir")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    # Each request costs its whole work: no response cache.
    app = app_for(Path(args.dir), {"RATELIMIT_ENABLED": "false", "SEARCH_CACHE_BYTES": 0})
    with app.app_context():
        paths = endpoint_urls(achievement_ids(), args.seed)["search"]
    client = app.test_client()
    timed(client, paths[:WARM])
    measured = paths[WARM : WARM + args.requests]
    times = sorted(timed(client, measured))
    print(json.dumps({"requests": len(times),
                      "median_ms": round(statistics.median(times) * 1000, 2),
                      "p90_ms": round(times[int(0.9 * (len(times) - 1))] * 1000, 2)}))
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(timed, client, measured)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
