"""Time the yearly indicator report over a large contract registry.

    .venv/bin/python bench/zones_report.py [--contracts 1000000] [--years 10]
        [--database sqlite|postgres] [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
        [--runs 5] [--sqlite-file PATH] [--pg-database NAME]

Generates N contracts over the 15 zones and Y years (2016 onwards; deterministic), loads
them with bulk INSERTs into a fresh migrated database (a SQLite file, or a PostgreSQL
database created and dropped here), then builds the full-province report of the last
year several times and prints the timings. The report's aggregation runs in SQL
(GROUP BY zone, for each caliber and composition); see
matchhub/zones/statistics/contract_stats.py.
"""

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from matchhub import create_app  # noqa: E402
from matchhub.contracts.models import Contract  # noqa: E402
from matchhub.contracts.services import derived_columns  # noqa: E402
from matchhub.contracts.vocabulary import contract_types, ip_types, party_types  # noqa: E402
from matchhub.core.extensions import db
from matchhub.core.regions import zones
from matchhub.core.vocabularies import vocabulary
from matchhub.zones.statistics.report import build_report

FIRST_YEAR = 2016
BATCH = 20_000
OUTSIDE = ["110000", "310000", "440000", "610000", "630000"]


def regions(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.06:
        return rng.choice(OUTSIDE)
    zone = rng.choice(list(zones()))
    if roll < 0.3 and zone.endswith("00"):
        return zone[:4] + f"{rng.randint(2, 5):02d}"  # a county of the 市州
    return zone


def row(rng: random.Random, n: int, years: int) -> dict:
    kind = rng.choice(list(contract_types().values()))
    subtype = rng.choice(kind.subtypes.codes) if kind.subtypes.codes else ""
    registered = dt.date(FIRST_YEAR + n % years, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    fen = int(rng.lognormvariate(17.6, 1.5))  # median about 44 万元
    volume = Decimal(fen) / 100
    seller, buyer = regions(rng), regions(rng)
    return {
        "registration_number": f"B{n:09d}", "name": f"技术合同{n}",
        "contract_type": kind.code, "contract_subtype": subtype,
        "signed_on": registered - dt.timedelta(days=rng.randint(0, 60)),
        "registered_on": registered, "volume": volume,
        "tech_income": (volume * Decimal(rng.randint(50, 100)) / 100).quantize(Decimal("0.01")),
        "seller_name": f"卖方{n % 5000}", "seller_party_type": rng.choice(party_types().codes),
        "seller_region_code": seller,
        "buyer_name": f"买方{n % 9000}", "buyer_party_type": rng.choice(party_types().codes),
        "buyer_region_code": buyer, **derived_columns(seller, buyer),
        "tech_field": rng.choice(vocabulary("tech_fields").codes),
        "ip_type": rng.choice(ip_types().codes), "status": "active" if rng.random() > 0.01
        else "cancelled", "cancel_reason": "", "is_demo": False,
        "created_at": dt.datetime.now(dt.UTC), "updated_at": dt.datetime.now(dt.UTC),
    }


def load(count: int, years: int) -> float:
    rng = random.Random(20161231)
    started = time.perf_counter()
    for start in range(0, count, BATCH):
        rows = [row(rng, n, years) for n in range(start, min(count, start + BATCH))]
        db.session.execute(insert(Contract), rows)
        db.session.commit()
        done = min(count, start + BATCH)
        rate = done / (time.perf_counter() - started)
        print(f"\r  loaded {done:,} contracts ({rate:,.0f}/s)", end="", flush=True)
    print()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE contracts"))
    else:
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


def time_reports(year: int, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        db.session.remove()
        started = time.perf_counter()
        report = build_report(db.session, year, today=dt.date(year + 1, 6, 30))
        timings.append(time.perf_counter() - started)
    province = report.province.indicators
    print(f"  {year}: {province['contract_count_output'].value:,} contracts (output), "
          f"{Decimal(province['contract_volume_output'].value) / 10**8:.2f} 亿元")
    return timings


def run(url: str, args, data_dir: str, reuse: bool = False) -> None:
    from flask_migrate import upgrade

    app = create_app({"DATABASE_URL": url, "DATA_DIR": data_dir, "SECRET_KEY": "bench",
                      "SEARCH_INDEX_ON_COMMIT": False})
    with app.app_context():
        upgrade()
        if reuse:
            print(f"database: {url} (kept from an earlier run; not reloaded)")
        else:
            print(f"database: {db.engine.dialect.name}; generating {args.contracts:,} contracts "
                  f"over {len(zones())} zones and {args.years} years")
            seconds = load(args.contracts, args.years)
            print(f"  load: {seconds:.1f} s")
        last = FIRST_YEAR + args.years - 1
        timings = time_reports(last, args.runs)
        print(f"  yearly report ({args.runs} runs): first {timings[0] * 1000:.0f} ms, "
              f"median {statistics.median(timings) * 1000:.0f} ms, "
              f"max {max(timings) * 1000:.0f} ms")


def run_kept_pg(args) -> None:
    admin = create_engine(make_url(args.pg_url).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        reuse = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                            {"n": args.pg_database}) is not None
        if not reuse:
            conn.execute(text(f'CREATE DATABASE "{args.pg_database}"'))
    admin.dispose()
    url = make_url(args.pg_url).set(drivername="postgresql+psycopg", database=args.pg_database)
    with tempfile.TemporaryDirectory(prefix="matchhub-zones-bench-") as folder:
        run(url.render_as_string(hide_password=False), args, folder, reuse)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contracts", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sqlite-file", type=Path, default=None,
                        help="keep the SQLite database here; reuse it if it exists")
    parser.add_argument("--pg-database", default=None,
                        help="keep the PostgreSQL database under this name; reuse it if it exists")
    args = parser.parse_args()
    if args.pg_database is not None:
        run_kept_pg(args)
        return
    if args.sqlite_file is not None:
        reuse = args.sqlite_file.exists()
        run(f"sqlite:///{args.sqlite_file.resolve()}", args, str(args.sqlite_file.parent), reuse)
        return
    with tempfile.TemporaryDirectory(prefix="matchhub-zones-bench-") as folder:
        if args.database == "sqlite":
            run(f"sqlite:///{folder}/bench.db", args, folder)
            size = (Path(folder) / "bench.db").stat().st_size
            print(f"  SQLite file: {size / 2**20:.0f} MiB")
            return
        name = f"matchhub_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(make_url(args.pg_url).set(drivername="postgresql+psycopg"),
                              isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(args.pg_url).set(drivername="postgresql+psycopg", database=name)
            run(url.render_as_string(hide_password=False), args, folder)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
