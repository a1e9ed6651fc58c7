"""Indexer throughput: a full rebuild, an outbox drain and a verify over a synthetic
catalogue held in SQLite, each phase in its own process.

    python bench/indexer_bench.py --items 100000 [--changes 20000] [--workers 2] [--dir DIR]

Fills a fresh database with ``--items`` published achievements (titles, keywords and
abstract-length bodies recombined from the vendored CSL records, as bench/search_speed.py
does) under 200 organisations, then runs, each as a child process:

- ``rebuild``: ``indexer rebuild`` from the database into the embedded index;
- ``drain``: ``--changes`` achievements are edited and queued in the outbox without the
  web app's indexing on commit, then drained by ``indexer run --once``;
- ``verify``: ``indexer verify`` over the whole index.

Prints one JSON object: seconds and rates measured around the work itself (not process
start-up), and each phase's peak RSS (largest process, analysis workers included).
"""

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from search_speed import FIELDS, load_records, recombined_body, sentences
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from matchhub import create_app
from matchhub.core import clock
from matchhub.core.database import refresh_statistics
from matchhub.core.extensions import db

ORGS = 200
CHUNK = 10_000


def app_for(directory: Path, extra: dict | None = None):
    return create_app({"DATABASE_URL": f"sqlite:///{directory / 'bench.db'}",
                       "DATA_DIR": str(directory), "SECRET_KEY": "bench",
                       "SEARCH_INDEX_ON_COMMIT": False, **(extra or {})})


def populate(items: int, seed: int) -> None:
    from matchhub.accounts.models import Organisation, User
    from matchhub.catalog.models import Achievement, AchievementMode

    rng, records = random.Random(seed), load_records()
    parts = sentences(records)
    with db.engine.begin() as conn:
        conn.execute(insert(Organisation), [
            {"name": f"基准大学{n}", "credit_code": f"91620100{n:010d}", "kind": "university",
             "region_code": "620100"} for n in range(ORGS)])
        org_ids = list(conn.scalars(select(Organisation.id)))
        conn.execute(insert(User), [
            {"email": f"bench{n}@example.org", "display_name": f"基准用户{n}",
             "password_hash": "-", "role": "publisher", "org_id": org_id}
            for n, org_id in enumerate(org_ids)])
        users = dict(conn.execute(select(User.org_id, User.id)).all())
    now, until = dt.datetime.now(dt.UTC), clock.today() + dt.timedelta(days=365)
    for start in range(0, items, CHUNK):
        rows = []
        for _ in range(min(CHUNK, items - start)):
            base, org = records[rng.randrange(len(records))], rng.choice(org_ids)
            body = recombined_body(rng, parts, len(records[rng.randrange(len(records))]
                                                   ["abstract"]))
            rows.append({"title": base["title"][:200], "keywords": base["keywords"],
                         "summary": body, "field": rng.choice(FIELDS), "status": "published",
                         "region_code": "620100", "trl": rng.randint(1, 9),
                         "valid_until": until, "published_at": now, "owner_org_id": org,
                         "created_by_id": users[org]})
        with db.engine.begin() as conn:
            ids = list(conn.scalars(insert(Achievement).returning(Achievement.id), rows))
            conn.execute(insert(AchievementMode),
                         [{"achievement_id": i, "mode": "transfer"} for i in ids])
    with Session(db.engine) as session:  # as an import job does after its bulk write
        refresh_statistics(session)
        session.commit()


def queue_changes(changes: int, seed: int) -> None:
    """Edit ``changes`` achievements and queue them as the app would (one outbox row each)."""
    from matchhub.catalog.models import Achievement
    from matchhub.search.indexing.outbox import record_changes

    with db.engine.begin() as conn:
        ids = list(conn.scalars(select(Achievement.id)))
        chosen = random.Random(seed).sample(ids, min(changes, len(ids)))
        conn.execute(update(Achievement).where(Achievement.id.in_(chosen))
                     .values(title=Achievement.title + "（修订）"))
        record_changes(conn, [("achievement", i) for i in chosen])


def phase(name: str, directory: Path, workers: int) -> dict:
    """Runs in the child process: the work only, timed."""
    from matchhub.search import get_search_backend
    from matchhub.search.indexing.locks import get_index_locks
    from matchhub.search.indexing.runs import rebuild_now
    from matchhub.search.indexing.settings import IndexerSettings
    from matchhub.search.indexing.verify import verify
    from matchhub.search.indexing.worker import run_indexer

    app = app_for(directory, {"INDEXER_REBUILD_WORKERS": workers})
    with app.app_context():
        started = time.perf_counter()
        if name == "rebuild":
            count = rebuild_now(workers)
        elif name == "drain":
            settings = IndexerSettings.from_config(app.config)
            count = run_indexer(lambda: Session(db.engine), get_search_backend(),
                                get_index_locks(db.engine, app.config["DATA_DIR"]),
                                settings, once=True).applied
        else:
            with Session(db.engine) as session:
                report = verify(session, get_search_backend())
            count = sum(c.indexed for c in report.counts.values())
            assert report.clean, "the index differs from the database"
        seconds = time.perf_counter() - started
    return {"count": count, "seconds": round(seconds, 2), "per_second": round(count / seconds)}


def run_phase(name: str, directory: Path, workers: int) -> dict:
    child = subprocess.Popen([sys.executable, __file__, "--phase", name, "--dir",
                              str(directory), "--workers", str(workers)],
                             stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise SystemExit(f"{name} failed ({status}): {output}")
    return {**json.loads(output), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", default="", help="work here (default: a temporary dir)")
    parser.add_argument("--phase", choices=["rebuild", "drain", "verify"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, Path(args.dir), args.workers)))
        return
    with tempfile.TemporaryDirectory(prefix="matchhub-indexer-bench-") as scratch:
        directory = Path(args.dir or scratch)
        directory.mkdir(parents=True, exist_ok=True)
        from flask_migrate import upgrade

        with app_for(directory).app_context():
            upgrade()
            started = time.perf_counter()
            populate(args.items, args.seed)
            filled = round(time.perf_counter() - started, 1)
        report = {"items": args.items, "workers": args.workers, "fill_seconds": filled,
                  "rebuild": run_phase("rebuild", directory, args.workers)}
        with app_for(directory).app_context():
            queue_changes(args.changes, args.seed)
        report["drain"] = run_phase("drain", directory, args.workers)
        report["verify"] = run_phase("verify", directory, args.workers)
        report["bench_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
