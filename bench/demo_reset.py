"""How long ``matchhub demo --reset --no-serve`` takes with the virtualenv installed.

    python bench/demo_reset.py [--runs 2]

Runs the command in a fresh data dir (the first run loads the demo into an empty
database, later ones delete it and load it again) and prints each run's wall time.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMAND = [sys.executable, "-c", "from matchhub.cli import main; main()", "demo", "--reset",
           "--no-serve"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "MATCHHUB_DATA_DIR": data_dir}
        subprocess.run([*COMMAND[:3], "db", "upgrade"], env=env, check=True,
                       capture_output=True)
        for run in range(1, runs + 1):
            started = time.perf_counter()
            subprocess.run(COMMAND, env=env, check=True, capture_output=True,
                           cwd=Path(__file__).resolve().parent.parent)
            print(f"run {run}: demo --reset --no-serve {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
