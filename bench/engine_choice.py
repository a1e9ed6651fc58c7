"""tantivy against bm25s on the same pre-analysed tokens: why the embedded backend uses tantivy.

    pip install bm25s        # bench only, not a MatchHub dependency (numpy backend; scipy optional)
    python bench/engine_choice.py [--items 100000] [--workers 2] [--seed 7] [--tantivy-threads 1]

Builds the synthetic catalogue of bench/search_speed.py (``synthetic(n, records, seed)``)
and analyses it ONCE, exactly as the embedded backend does
(``analyse_document(doc, field_repeats())["text"]``: mixed tokens, title ×3, keywords ×2,
field copies separated by the separator token); the analysis time is common to both
engines and reported on its own. Both engines then do the same bare job from the same
token lists, each in its own forked process (so that memory figures do not mix):

- tantivy: a schema of one whitespace-tokenised text field (positions, as the app indexes)
  and a stored raw ``id`` key; one writer (256 MB heap, ``--tantivy-threads``), one commit.
  A query is a plain OR of term queries, each boosted by its weight, as in
  ``matchhub/search/backends/embedded/lexical.py`` ranking (no filters, no pruning, no
  neighbour smoothing).
- bm25s: ``BM25(k1=1.2, b=0.75, method="lucene")`` (tantivy's BM25 parameters and idf)
  indexed from the token lists; a query is its token list with each token repeated
  ``weight`` times (bm25s sums a repeated token's score once per occurrence, so that is
  the same weighted OR). bm25s has no incremental update: adding one document means
  indexing the whole corpus again.

Per engine: build seconds (wall and CPU) from the token lists, size on disk after saving,
peak memory above the process's baseline while building (sampled every 20 ms; anonymous
and file-backed RSS apart: tantivy reads its segments through mmap, which shows as file
pages the kernel can reclaim), save and load-from-disk time and the memory a loaded
index adds, top-10 latency p50/p95 over the 300 queries of search_speed.py (20 warm-ups
first; the loaded index; the time includes turning hits into document ids), and the
cost of ONE change: add one document and make it searchable (tantivy: add + commit +
reload, plus one update and one delete by key; bm25s: a full re-index of n + 1
documents). Agreement: the mean overlap of the two engines' top 10 (the sets, not the
order; they differ a little: tantivy approximates document lengths in one byte, ties
break differently); ``--check-exact`` also compares both with a float64 BM25 (use it at
some 20,000 items). Prints one JSON object. Figures and the decision: bench/engine_choice.txt.
"""

import argparse
import gc
import json
import math
import multiprocessing
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import tantivy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_specs import register_specs  # noqa: E402
from search_speed import load_records, synthetic  # noqa: E402

from matchhub.search.backends.embedded.store import BULK_WRITER_HEAP  # noqa: E402
from matchhub.search.backends.embedded.tokens import analysed_stream  # noqa: E402
from matchhub.search.core.analysed import analyse  # noqa: E402
from matchhub.search.core.query import parse_user_text  # noqa: E402
from matchhub.search.core.registry import field_repeats  # noqa: E402

K = 10
WARMUPS = 20
MARKER = ["测试", "可检索", "锆钛酸铅", "压电陶瓷", "换能器"]  # the added document's tokens

# Set before the engines' processes are forked; they inherit it (never pickled).
_corpus: dict = {}


# --- measuring ---------------------------------------------------------------------------

def memory_mb() -> dict[str, float]:
    """Resident memory: ``anon`` (the process's own heap) and ``file`` (mapped files, i.e.
    tantivy's mmapped segments: page cache the kernel can reclaim)."""
    values = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(("RssAnon:", "RssFile:")):
                values[line[3:7].lower()] = int(line.split()[1]) / 1024
    return values


def rss_mb() -> float:
    return sum(memory_mb().values())


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


@contextmanager
def peak_memory_above_baseline(out: dict, key: str):
    """``out[key]``: the highest anonymous and file-backed RSS seen while the block ran
    (sampled every 20 ms), each minus its value before it."""
    baseline, peak, done = memory_mb(), memory_mb(), threading.Event()

    def sample():
        while not done.wait(0.02):
            for kind, value in memory_mb().items():
                peak[kind] = max(peak[kind], value)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield
    finally:
        done.set()
        sampler.join()
        out[key] = {kind: round(max(peak[kind], value) - baseline[kind], 1)
                    for kind, value in memory_mb().items()}


def loaded_memory(before: dict) -> dict:
    return {kind: round(value - before[kind], 1) for kind, value in memory_mb().items()}


def size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def latency(run, queries: list) -> tuple[dict, list]:
    """p50/p95 of ``run(query)`` in ms after the warm-ups, and every query's top ids."""
    for query in queries[:WARMUPS]:
        run(query)
    times, tops = [], []
    for query in queries:
        started = time.perf_counter()
        tops.append(run(query))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return ({"queries": len(times), "p50": round(statistics.median(times), 2),
             "p95": round(times[int(0.95 * len(times)) - 1], 2)}, tops)


# --- tantivy -----------------------------------------------------------------------------

def tantivy_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    # A raw text key, as the app's "key" field: deleting by term matches it exactly.
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("text", tokenizer_name="whitespace", index_option="position")
    return builder.build()


def tantivy_document(doc_id: int, text: str) -> tantivy.Document:
    document = tantivy.Document()
    document.add_text("id", str(doc_id))
    document.add_text("text", text)
    return document


def tantivy_query(schema, tokens: list[tuple[str, float]]) -> tantivy.Query:
    clauses = []
    for token, weight in tokens:
        term = tantivy.Query.term_query(schema, "text", token)
        clauses.append((tantivy.Occur.Should,
                        term if weight == 1.0 else tantivy.Query.boost_query(term, weight)))
    return tantivy.Query.boolean_query(clauses)


def tantivy_top(index, schema):
    def run(tokens):
        searcher = index.searcher()
        hits = searcher.search(tantivy_query(schema, tokens), K).hits
        return [int(searcher.doc(address)["id"][0]) for _, address in hits]
    return run


def tantivy_addresses(index, schema):
    """The search alone: the top hits' addresses, no stored id read (bm25s returns row
    numbers, which need no lookup)."""
    def run(tokens):
        return index.searcher().search(tantivy_query(schema, tokens), K).hits
    return run


def run_tantivy(threads: int) -> dict:
    texts, queries = _corpus["texts"], _corpus["queries"]
    report: dict = {}
    root = Path(tempfile.mkdtemp(prefix="engine-choice-tantivy-"))
    try:
        schema = tantivy_schema()
        started, cpu = time.perf_counter(), cpu_seconds()
        with peak_memory_above_baseline(report, "build_peak_mb_above_baseline"):
            index = tantivy.Index(schema, path=str(root))
            writer = index.writer(heap_size=BULK_WRITER_HEAP, num_threads=threads)
            for i, text in enumerate(texts):
                writer.add_document(tantivy_document(i, text))
            writer.commit()  # durable: what a restart or a crash after this point keeps
            writer.wait_merging_threads()
        report["build_seconds"] = round(time.perf_counter() - started, 1)
        report["build_cpu_seconds"] = round(cpu_seconds() - cpu, 1)
        report["save_seconds"] = "in build (the commit writes and fsyncs the segments)"
        report["index_mb"] = size_mb(root)
        del index, writer
        gc.collect()

        before = memory_mb()
        started = time.perf_counter()
        index = tantivy.Index.open(str(root))
        index.reload()
        index.searcher()
        report["load_ms"] = round((time.perf_counter() - started) * 1000, 1)
        report["top10_ms"], tops = latency(tantivy_top(index, schema), queries)
        report["top10_search_only_ms"] = latency(tantivy_addresses(index, schema), queries)[0]
        report["loaded_mb"] = loaded_memory(before)
        report["loaded_note"] = "after the queries; segments are mmapped, pages load on use"

        # One incremental change with the writer open, as the app keeps it: add, commit, reload.
        writer = index.writer(heap_size=32_000_000, num_threads=1)
        new_id = len(texts)
        started = time.perf_counter()
        writer.add_document(tantivy_document(new_id, " ".join(MARKER)))
        writer.commit()
        index.reload()
        found = tantivy_top(index, schema)([(t, 1.0) for t in MARKER])
        report["one_change_ms"] = round((time.perf_counter() - started) * 1000, 1)
        assert found and found[0] == new_id, found
        # ... and an update (delete the old version by id, add the new one) and a delete.
        started = time.perf_counter()
        writer.delete_documents_by_term("id", str(new_id))
        writer.add_document(tantivy_document(new_id, " ".join(MARKER[:3])))
        writer.commit()
        index.reload()
        report["one_update_ms"] = round((time.perf_counter() - started) * 1000, 1)
        started = time.perf_counter()
        writer.delete_documents_by_term("id", str(new_id))
        writer.commit()
        index.reload()
        gone = tantivy_top(index, schema)([(t, 1.0) for t in MARKER])
        report["one_delete_ms"] = round((time.perf_counter() - started) * 1000, 1)
        assert new_id not in gone
        writer.wait_merging_threads()
        report["tops"] = tops
        return report
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- bm25s -------------------------------------------------------------------------------

def bm25s_top(retriever):
    def run(tokens):
        repeated = [t for t, weight in tokens for _ in range(max(1, round(weight)))]
        documents, scores = retriever.retrieve([repeated], k=K, show_progress=False)
        return [int(d) for d, s in zip(documents[0], scores[0], strict=True) if s > 0]
    return run


def run_bm25s() -> dict:
    import bm25s

    token_lists, queries = _corpus["token_lists"], _corpus["queries"]
    report: dict = {"backend": "numpy"}
    root = Path(tempfile.mkdtemp(prefix="engine-choice-bm25s-"))

    def build(corpus):
        retriever = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
        retriever.index(corpus, show_progress=False)
        return retriever

    try:
        started, cpu = time.perf_counter(), cpu_seconds()
        with peak_memory_above_baseline(report, "build_peak_mb_above_baseline"):
            retriever = build(token_lists)
        report["build_seconds"] = round(time.perf_counter() - started, 1)
        report["build_cpu_seconds"] = round(cpu_seconds() - cpu, 1)
        started = time.perf_counter()
        retriever.save(str(root))
        report["save_seconds"] = round(time.perf_counter() - started, 1)
        report["index_mb"] = size_mb(root)
        del retriever
        gc.collect()

        before = memory_mb()
        started = time.perf_counter()
        retriever = bm25s.BM25.load(str(root), show_progress=False)
        report["load_ms"] = round((time.perf_counter() - started) * 1000, 1)
        report["top10_ms"], tops = latency(bm25s_top(retriever), queries)
        report["loaded_mb"] = loaded_memory(before)
        del retriever
        gc.collect()

        # No incremental update: one added document means indexing all n + 1 again
        # (and saving again to keep it across a restart: save_seconds more).
        started = time.perf_counter()
        retriever = build(token_lists + [MARKER])
        found = bm25s_top(retriever)([(t, 1.0) for t in MARKER])
        report["one_change_ms"] = round((time.perf_counter() - started) * 1000, 1)
        report["one_change_note"] = "full re-index of n + 1 documents (no incremental update)"
        assert found and found[0] == len(token_lists), found
        report["tops"] = tops
        return report
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- common ------------------------------------------------------------------------------

def analysed_corpus(n: int, seed: int, workers: int) -> tuple[list[str], list[list[str]]]:
    """Each document's token text (as tantivy gets it) and its token list (as bm25s gets
    it); identical tokens share one string object, so the lists cost a pointer a token."""
    documents = list(synthetic(n, load_records(), seed))
    interned: dict[str, str] = {}
    texts, token_lists = [], []
    with analysed_stream(documents, field_repeats(), workers) as stream:
        for analysed in stream:
            text = analysed["text"]
            tokens = [interned.setdefault(t, t) for t in text.split()]
            texts.append(text)
            token_lists.append(tokens)
    return texts, token_lists


def query_tokens() -> list[list[tuple[str, float]]]:
    records = load_records()
    texts = [" ".join(r["keywords"][:2]) for r in records[:300]]
    return [[(t.token, t.weight) for t in analyse(parse_user_text(text)).tokens]
            for text in texts]


def exact_top(token_lists: list[list[str]], queries: list) -> list[list[int]]:
    """Reference top 10 by textbook BM25 (k1 1.2, b 0.75, Lucene idf, exact lengths), in
    float64 (``--check-exact``: memory grows fast, use it at some 10,000 items)."""
    import numpy as np

    postings: dict[str, list[tuple[int, int]]] = {}
    for row, tokens in enumerate(token_lists):
        for token, count in Counter(tokens).items():
            postings.setdefault(token, []).append((row, count))
    n = len(token_lists)
    lengths = np.array([len(t) for t in token_lists], dtype=np.float64)
    norm = 1.2 * (1 - 0.75 + 0.75 * lengths / lengths.mean())
    tops = []
    for query in queries:
        scores = np.zeros(n)
        for token, weight in query:
            if token not in postings:
                continue
            rows, counts = (np.array(column) for column in zip(*postings[token], strict=True))
            idf = math.log(1 + (n - len(rows) + 0.5) / (len(rows) + 0.5))
            scores[rows] += weight * idf * counts * 2.2 / (counts + norm[rows])
        best = np.argsort(-scores, kind="stable")[:K]
        tops.append([int(row) for row in best if scores[row] > 0])
    return tops


def in_child(function, *args) -> dict:
    """Runs ``function`` in a forked process that inherits the corpus."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(function, args)


def overlap(a: list[list[int]], b: list[list[int]]) -> dict:
    shares = [len(set(x) & set(y)) / max(len(x), len(y)) for x, y in zip(a, b, strict=True)
              if x or y]
    return {"mean_overlap_at_10": round(statistics.mean(shares), 3),
            "identical_sets": sum(s == 1.0 for s in shares),
            "identical_order": sum(x == y for x, y in zip(a, b, strict=True) if x or y),
            "queries": len(shares)}


def main() -> None:
    register_specs()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2, help="analysis processes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tantivy-threads", type=int, default=1,
                        help="tantivy indexing threads (1: like bm25s, single-threaded)")
    parser.add_argument("--check-exact", action="store_true",
                        help="also compare both top 10s with an exact BM25 in float64")
    args = parser.parse_args()
    started_all = time.perf_counter()

    started = time.perf_counter()
    texts, token_lists = analysed_corpus(args.items, args.seed, args.workers)
    analysis_seconds = time.perf_counter() - started
    queries = query_tokens()
    integral = all(float(w).is_integer() for q in queries for _, w in q)
    _corpus.update(texts=texts, token_lists=token_lists, queries=queries)
    report = {
        "items": args.items, "seed": args.seed,
        "analysis": {"seconds": round(analysis_seconds, 1), "workers": args.workers,
                     "tokens": sum(map(len, token_lists)),
                     "tokens_per_doc": round(sum(map(len, token_lists)) / args.items, 1),
                     "distinct_tokens": len({t for tokens in token_lists for t in tokens}),
                     "rss_mb_after": round(rss_mb(), 1)},
        "queries": {"count": len(queries), "integral_weights": integral},
        "versions": {"tantivy": _version("tantivy"), "bm25s": _version("bm25s")},
        "tantivy_threads": args.tantivy_threads,
    }
    print(f"analysed {args.items} items in {analysis_seconds:.0f} s", file=sys.stderr, flush=True)
    report["tantivy"] = in_child(run_tantivy, args.tantivy_threads)
    print(f"tantivy done {report['tantivy']['build_seconds']} s", file=sys.stderr, flush=True)
    report["bm25s"] = in_child(run_bm25s)
    tops = {engine: report[engine].pop("tops") for engine in ("tantivy", "bm25s")}
    report["agreement"] = overlap(tops["tantivy"], tops["bm25s"])
    if args.check_exact:
        exact = exact_top(token_lists, queries)
        report["agreement_with_exact_bm25"] = {engine: overlap(top, exact)
                                               for engine, top in tops.items()}
    report["total_seconds"] = round(time.perf_counter() - started_all, 1)
    print(json.dumps(report, ensure_ascii=False))


def _version(package: str) -> str:
    from importlib.metadata import version
    return version(package)


if __name__ == "__main__":
    main()
