"""Speed of the embedded search backend over synthetic catalogues.

    python bench/search_speed.py --items 100000 [--workers 2] [--model DIR] [--keep DIR]
                                 [--build-only]

Builds a catalogue by recombining the vendored CSL records (a record's title and
keywords, and a body of sentences from random abstracts, as long as a real abstract),
indexes it from scratch (analysis included, on ``--workers`` processes), then measures
query latency (lexical; hybrid with --model): the index files are read once into the OS
page cache first, 20 warm-up queries run, then each measured query runs once. Also the
time from a committed change to it being searchable, the index size on disk and peak
memory (``--build-only``: build, size and memory only). The build's CPU time (this
process, its threads and the analysis workers) is printed beside its wall time: on a
shared machine the wall time also depends on what else runs. Prints one JSON object.
Deterministic for a given --seed.
"""

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from search_specs import register_specs

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from matchhub.search.core.documents import SearchDocument
from matchhub.search.core.query import SearchQuery, parse_user_text

RECORDS = Path(__file__).resolve().parents[1] / "matchhub/demo_data/csl/records_dev.jsonl"
FIELDS = ["electronic_information", "advanced_manufacturing", "biomedicine", "new_materials",
          "new_energy", "environment", "agriculture", "transportation", "urban_social"]
MODES = ["transfer", "license", "co_development", "equity", "service"]
BATCH = 50_000


def load_records() -> list[dict]:
    with open(RECORDS, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def sentences(records: list[dict]) -> list[str]:
    return [s for r in records for s in r["abstract"].replace("；", "。").split("。") if len(s) > 8]


def recombined_body(rng: random.Random, parts: list[str], length: int) -> str:
    """Sentences of random abstracts until the length of a real abstract is reached."""
    chosen: list[str] = []
    while sum(len(s) + 1 for s in chosen) < length:
        chosen.append(rng.choice(parts))
    return "。".join(chosen) + "。"


def synthetic(n: int, records: list[dict], seed: int):
    rng, parts = random.Random(seed), sentences(records)
    for i in range(1, n + 1):
        base = records[rng.randrange(len(records))]
        # As long as a real abstract (the dev records average 209 characters).
        body = recombined_body(rng, parts, len(records[rng.randrange(len(records))]["abstract"]))
        filters = {"field": rng.choice(FIELDS), "region": "620100", "province": "620000",
                   "status": "published", "modes": rng.sample(MODES, rng.randint(1, 3)),
                   "trl": rng.randint(1, 9), "price": rng.randrange(10_000, 10**9),
                   "end_date": 800_000, "published": 739_000 + rng.randrange(1000)}
        texts = {"title": base["title"], "keywords": " ".join(base["keywords"]), "body": body,
                 "org": f"演示大学{rng.randrange(200)}"}
        yield SearchDocument("achievement", i, texts, filters, [base["title"]])


def cpu_seconds() -> float:
    """User and system time of this process (all threads) and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build(backend, n: int, records, seed: int, workers: int) -> tuple[float, float]:
    """Wall and CPU seconds to index ``n`` synthetic documents in batches."""
    started, cpu, batch = time.perf_counter(), cpu_seconds(), []
    for document in synthetic(n, records, seed):
        batch.append(document)
        if len(batch) == BATCH:
            backend.add_bulk(batch, workers=workers)
            batch = []
            progress(document.item_id, time.perf_counter() - started, cpu_seconds() - cpu)
    backend.add_bulk(batch, workers=workers)
    return time.perf_counter() - started, cpu_seconds() - cpu


def progress(items: int, seconds: float, cpu: float) -> None:
    """One line per batch on stderr: long builds on a shared machine can be followed."""
    print(f"{items} items {seconds:.0f} s ({items / seconds:.0f}/s) cpu {cpu:.0f} s "
          f"load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)


PAGE_FACETS = ("field", "region", "modes", "trl")  # the achievement facets /search shows


def latencies(backend, texts: list[str], mode: str, with_total: bool,
              facets: tuple[str, ...] = ()) -> dict:
    def run(text):
        started = time.perf_counter()
        backend.run(SearchQuery(parse_user_text(text), ("achievement",), limit=10, mode=mode,
                                with_total=with_total, facets=facets))
        return (time.perf_counter() - started) * 1000

    for text in texts[:20]:
        run(text)  # warm the caches
    times = sorted(run(t) for t in texts)
    return {"queries": len(times), "p50": round(statistics.median(times), 2),
            "p95": round(times[int(0.95 * len(times)) - 1], 2)}


def change_to_searchable(backend) -> float:
    marker = "测试可检索性标记锆钛酸铅压电陶瓷换能器"
    started = time.perf_counter()
    backend.add(SearchDocument("achievement", 10**9, {"title": marker}, {"status": "published"}))
    found = backend.run(SearchQuery(parse_user_text(marker), ("achievement",), limit=1))
    assert found.hits and found.hits[0].item_id == 10**9
    return round((time.perf_counter() - started) * 1000, 1)


def read_into_page_cache(path: Path) -> None:
    """Read every index file once, as the OS cache of a server that has run a while holds
    them: a reused index (``--reuse``) may otherwise be read from disk during the
    measurement, and a fresh build leaves some of its pages evicted."""
    for file in (f for f in path.rglob("*") if f.is_file()):
        with open(file, "rb") as handle:
            while handle.read(1 << 24):
                pass


def size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def peak_mb() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"process": round(own, 1), "largest_worker": round(children, 1)}


def queries_report(backend, queries: list[str], model: str) -> dict:
    report = {
        # top 10 only, as matching and the retrieval benchmark ask
        "lexical_top10_ms": latencies(backend, queries, "lexical", False),
        # top 10 plus the exact number of matches
        "lexical_page_ms": latencies(backend, queries, "lexical", True),
        # ... and the facet counts, as the search page shows them
        "lexical_page_facets_ms": latencies(backend, queries, "lexical", True, PAGE_FACETS)}
    if model:
        report["hybrid_top10_ms"] = latencies(backend, queries, "hybrid", False)
    report["change_to_searchable_ms"] = change_to_searchable(backend)
    return report


def main() -> None:
    register_specs()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--model", default="", help="sentence-transformers model for hybrid")
    parser.add_argument("--keep", default="", help="build here and keep the index")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: measure the index already there, no build")
    parser.add_argument("--build-only", action="store_true",
                        help="build, size and memory only: no query measurements")
    args = parser.parse_args()
    records = load_records()
    queries = [" ".join(r["keywords"][:2]) for r in records[:300]]
    with tempfile.TemporaryDirectory(prefix="matchhub-speed-") as scratch:
        root = Path(args.keep or scratch)
        backend = EmbeddedSearchBackend({"PATH": str(root), "EMBEDDING_MODEL": args.model})
        reused = args.reuse and args.keep and backend.count() > 0
        seconds, cpu = (0.0, 0.0) if reused else build(backend, args.items, records,
                                                       args.seed, args.workers)
        report = {"items": backend.count(), "workers": args.workers,
                  "build_seconds": round(seconds, 1) if seconds else "reused",
                  "build_items_per_second": round(args.items / seconds) if seconds else None,
                  "build_cpu_seconds": round(cpu, 1) if seconds else None,
                  "index_mb": size_mb(root)}
        if not args.build_only:
            read_into_page_cache(root)
            report |= queries_report(backend, queries, args.model)
        report["peak_rss_mb"] = peak_mb()
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
