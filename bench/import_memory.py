"""Peak memory and wall time of a large contract import through the command line.

    .venv/bin/python bench/import_memory.py [--rows 100000] [--format csv|xlsx|both]
        [--keep DIR] [--root DIR]

``--root`` runs the command line of another checkout (e.g. ``git archive main`` unpacked
in a temporary folder) with this interpreter, so the importer of main and of a branch can
be measured one after the other on the same machine and the same files.

Generates a contract ledger of N valid rows (regions and zones from matchhub.core.regions,
types, party types, fields and IP types from the vocabularies; deterministic), migrates a
fresh SQLite data dir, then runs ``matchhub contracts import FILE`` in a child process and
prints its wall time, its peak RSS (ru_maxrss of the child), the longest time no other
writer could start a transaction on the database (the final write transaction; a thread
tries ``BEGIN IMMEDIATE`` every 20 ms while the import runs) and how many contracts the
database holds afterwards. Each format runs on its own fresh data dir.
"""

import argparse
import csv
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from matchhub.contracts.imports import COLUMNS  # noqa: E402
from matchhub.contracts.vocabulary import contract_types, ip_types, party_types  # noqa: E402
from matchhub.core.regions import zones  # noqa: E402
from matchhub.core.vocabularies import vocabulary  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HEADERS = [c.header for c in COLUMNS if c.in_template]
# The columns the generator fills, by their template headers (both parties in China).
FILLED = ["合同登记编号", "合同名称", "合同类型", "合同子类型", "签订日期", "登记日期",
          "成交额(元)", "技术交易额(元)", "卖方名称", "卖方性质", "卖方地区代码",
          "买方名称", "买方性质", "买方地区代码", "技术领域", "知识产权类型"]
OUTSIDE = ["110108", "310104", "440305", "610113", "320102"]  # counties elsewhere in China


def _vocab_labels() -> dict[str, list[str]]:
    return {"party": list(party_types().labels.values()),
            "field": list(vocabulary("tech_fields").labels.values()),
            "ip": list(ip_types().labels.values())}


def _region(rng: random.Random, zone_codes: list[str]) -> str:
    return rng.choice(OUTSIDE) if rng.random() < 0.1 else rng.choice(zone_codes)


def ledger_rows(count: int, seed: int = 15):
    """Valid ledger rows, in template column order, generated lazily."""
    rng = random.Random(seed)
    labels, zone_codes = _vocab_labels(), list(zones())
    kinds = [k for k in contract_types().values() if k.code != "licensing"]
    for n in range(1, count + 1):
        kind = rng.choice(kinds)
        subtypes = list(kind.subtypes.labels.values())
        signed = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randint(0, 2900))
        volume = rng.randint(10_000, 50_000_000)
        row = dict(zip(FILLED, [
            f"BENCH-{n:08d}", f"马铃薯种薯繁育技术合同第{n}号", kind.label,
            rng.choice(subtypes) if subtypes else "", signed.isoformat(),
            (signed + dt.timedelta(days=rng.randint(0, 30))).isoformat(),
            f"{volume}.{n % 100:02d}", f"{volume // 2}.00", f"兰州第{n % 900}研究所",
            rng.choice(labels["party"]), rng.choice(zone_codes),
            f"白银市科技发展有限公司{n % 5000}", rng.choice(labels["party"]),
            _region(rng, zone_codes), rng.choice(labels["field"]), rng.choice(labels["ip"])],
            strict=True))
        yield [row.get(header, "") for header in HEADERS]  # other columns (country) empty


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(ledger_rows(count))


def write_xlsx(path: Path, count: int) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("技术合同")
    sheet.append(HEADERS)
    for row in ledger_rows(count):
        sheet.append(row)
    workbook.save(path)


def _matchhub(root: Path, data_dir: Path, *args: str) -> tuple[int, str, int, float]:
    """Run the command line; its exit status, stderr, peak RSS in KiB and CPU seconds
    (this child's own, from wait4: CPU time is less sensitive to a busy machine than
    wall time)."""
    env = {"PATH": "/usr/bin:/bin", "MATCHHUB_DATA_DIR": str(data_dir),
           "MATCHHUB_IMPORT_MAX_SECONDS": "3600", "HOME": str(data_dir),
           # main's 128 MiB refuses a 100,000-row XLSX (132 MiB uncompressed)
           "MATCHHUB_IMPORT_MAX_UNCOMPRESSED_BYTES": str(160 << 20)}
    command = [sys.executable, "-c", "from matchhub.cli import main; main()", *args]
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL,
                                 stderr=errors, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        return (child.returncode, errors.read(), usage.ru_maxrss,
                usage.ru_utime + usage.ru_stime)


def _count(data_dir: Path) -> int:
    import sqlite3  # noqa: PLC0415

    with sqlite3.connect(data_dir / "matchhub.db") as connection:
        return connection.execute("SELECT count(*) FROM contracts").fetchone()[0]


class LockWatch(threading.Thread):
    """Tries to start a write transaction every 20 ms; ``longest`` is the longest
    stretch of seconds in which it could not (another writer held SQLite's lock)."""

    def __init__(self, database: Path):
        super().__init__(daemon=True)
        self.database, self.longest, self.done = database, 0.0, threading.Event()

    def run(self) -> None:
        connection = sqlite3.connect(self.database, timeout=0, isolation_level=None)
        since = None
        while not self.done.is_set():
            now = time.perf_counter()
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("ROLLBACK")
            except sqlite3.OperationalError:
                since = now if since is None else since
            else:
                self.longest = max(self.longest, now - since) if since else self.longest
                since = None
            time.sleep(0.02)
        connection.close()


def measure(root: Path, path: Path, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    code, errors, _peak, _cpu = _matchhub(root, data_dir, "db", "upgrade")
    if code:
        sys.exit(errors)
    watch = LockWatch(data_dir / "matchhub.db")
    watch.start()
    started = time.perf_counter()
    code, errors, peak, cpu = _matchhub(root, data_dir, "contracts", "import", str(path))
    wall = time.perf_counter() - started
    watch.done.set()
    watch.join()
    status = "ok" if code == 0 else f"FAILED: {errors.strip()[-400:]}"
    print(f"{path.suffix[1:]:4} {path.stat().st_size / 2**20:6.1f} MiB  wall {wall:7.1f} s  "
          f"CPU {cpu:7.1f} s  write lock held {watch.longest:6.2f} s  "
          f"peak RSS {peak / 1024:7.0f} MiB  contracts {_count(data_dir)}  {status}",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "xlsx", "both"), default="csv")
    parser.add_argument("--keep", type=Path, help="write the files and data dirs here")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to run")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="matchhub-import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    formats = ("csv", "xlsx") if args.format == "both" else (args.format,)
    print(f"{args.rows} rows, code in {args.root}, files in {work}", flush=True)
    for fmt in formats:
        path = work / f"ledger-{args.rows}.{fmt}"
        if not path.exists():
            (write_csv if fmt == "csv" else write_xlsx)(path, args.rows)
        measure(args.root.resolve(), path, work / f"data-{fmt}-{time.time_ns()}")


if __name__ == "__main__":
    main()
