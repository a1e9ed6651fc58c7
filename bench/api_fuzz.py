"""The full schemathesis campaign against /api/v1/openapi.json.

    python bench/api_fuzz.py [--examples 5] [--seed 0] [--dir DIR] [--show 5]
                             [--pg postgresql://postgres@127.0.0.1:5432/postgres]
                             [--stateful N --steps 10]

Builds a fresh SQLite database (with ``--pg``: a PostgreSQL database it creates on that
server and drops afterwards), seeds the catalogue and identities of
tests/api/fuzzing.py (anonymous, an organisation administrator and a platform
administrator, both with tokens carrying every scope), runs ``--examples`` generated cases
per operation, identity and pass, and prints the totals per endpoint and status, then the
first ``--show`` failures. With ``--stateful N`` it then runs N sequences of up to
``--steps`` calls per identity, chained through the links schemathesis infers from the
document (tests/api/stateful.py), and reports them the same way. Exits 1 when any request
was a 5xx or broke its schema.
"""

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402  (after the path set-up above)

from matchhub import create_app  # noqa: E402
from matchhub.core.extensions import db
from tests.api import fuzzing, stateful  # noqa: E402
from tests.pg_database import throwaway_database  # noqa: E402


@contextmanager
def database(directory: Path, server: str | None) -> Iterator[str]:
    """SQLite in ``directory``, or a throw-away database on the PostgreSQL ``server``."""
    if not server:
        yield f"sqlite:///{directory / 'fuzz.db'}"
        return
    with throwaway_database(server, "matchhub_fuzz") as url:
        yield url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0, help="0: derandomized (repeatable)")
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--show", type=int, default=5)
    parser.add_argument("--pg", metavar="SERVER_URL", default=None,
                        help="run on a fresh database on this PostgreSQL server (dropped after)")
    parser.add_argument("--stateful", type=int, default=0, metavar="N",
                        help="then N linked sequences per identity (0: none)")
    parser.add_argument("--steps", type=int, default=10, help="calls per linked sequence")
    args = parser.parse_args()
    directory = args.dir or Path(tempfile.mkdtemp(prefix="matchhub-fuzz-"))
    with database(directory, args.pg) as url:
        return campaign(args, directory, url)


def campaign(args: argparse.Namespace, directory: Path, url: str) -> int:
    app = create_app({"TESTING": True, "DATABASE_URL": url, "DATA_DIR": str(directory),
                      "SECRET_KEY": "fuzz", "ES_URL": "", "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
        identities = fuzzing.seed_identities()
    failures = _report("stateless", args, url, lambda: fuzzing.run(
        app, identities, args.examples, seed=args.seed))
    if args.stateful:
        failures += _report("stateful", args, url, lambda: stateful.run(
            app, identities, args.stateful, args.steps))
    with app.app_context():
        db.engine.dispose()  # let the PostgreSQL database be dropped
    return 1 if failures else 0


def _report(name: str, args: argparse.Namespace, url: str, run) -> int:
    started = time.perf_counter()
    report = run()
    print(f"== {name} ==")
    print(fuzzing.format_report(report))
    print(f"\nseconds: {time.perf_counter() - started:.1f}")
    print(f"database: {make_url(url).get_backend_name()}")
    for failure in report.failures[:args.show]:
        print("\n=====", failure)
    return len(report.failures)


if __name__ == "__main__":
    sys.exit(main())
