"""How long the ``matchhub`` command takes before doing anything.

    python bench/cli_startup.py [--runs 7]

Times ``matchhub zones --help`` and ``matchhub --help`` (which builds the app to list
every command) against a bare ``python -c 'import flask, flask_sqlalchemy'``, each run in
a fresh process, taking turns so that load on the machine falls on all three alike.
Prints the median wall time of each and the difference to the bare import.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

MATCHHUB = [sys.executable, "-c", "from matchhub.cli import main; main()"]
CASES = {
    "bare import": [sys.executable, "-c", "import flask, flask_sqlalchemy"],
    "matchhub zones --help": [*MATCHHUB, "zones", "--help"],
    "matchhub --help": [*MATCHHUB, "--help"],
}


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True,
                   cwd=Path(__file__).resolve().parent.parent)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(runs):
        for name, command in CASES.items():
            times[name].append(wall(command))
    bare = statistics.median(times["bare import"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<24} median {median:.2f} s   vs bare import {median - bare:+.2f} s")


if __name__ == "__main__":
    main()
