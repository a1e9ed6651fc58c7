"""``matchhub bench retrieval``: build a throwaway index from a corpus file, run every
query for its top 10, and print MRR@10, Recall@1/@10, nDCG@10, latency and the matched
set's size (share of the corpus: median, p90; share of empty sets) and recall (share of
the relevant items inside it), as JSON. ``--templates FILE`` also wraps each query in one
of the file's conversational sentences and prints those figures beside the bare ones.

Relevant items for MRR and recall are those with the highest grade in the query's
qrels; nDCG uses every grade (gain 2^g - 1).
"""

import csv
import json
import math
import statistics
import tempfile
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from matchhub.search.core.documents import SearchDocument, split_int_key
from matchhub.search.core.query import SearchQuery, parse_user_text

TOP = 10


@dataclass(frozen=True)
class Corpus:
    ids: list[str]  # position i holds the doc_id of item i + 1

    def doc_id(self, item_id: int) -> str:
        return self.ids[item_id - 1]


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            qrels.setdefault(row["query_id"], {})[row["doc_id"]] = int(row["grade"])
    return qrels


def corpus_documents(rows: list[dict]) -> tuple[Corpus, Iterable[SearchDocument]]:
    corpus = Corpus([row["doc_id"] for row in rows])
    documents = (SearchDocument("achievement", i, {"body": row["text"]}, {}, [])
                 for i, row in enumerate(rows, start=1))
    return corpus, documents


def ndcg(ranked: list[str], grades: dict[str, int], k: int = TOP) -> float:
    dcg = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def scores_for(ranked: list[str], grades: dict[str, int]) -> dict[str, float]:
    top_grade = max(grades.values())
    relevant = {d for d, g in grades.items() if g == top_grade}
    first = next((i for i, d in enumerate(ranked[:TOP], start=1) if d in relevant), None)
    return {
        "mrr@10": 1 / first if first else 0.0,
        "recall@1": len(relevant & set(ranked[:1])) / len(relevant),
        "recall@10": len(relevant & set(ranked[:TOP])) / len(relevant),
        "ndcg@10": ndcg(ranked, grades),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def read_templates(path: Path) -> list[str]:
    """One sentence a line holding ``{q}`` where the query goes; '#' starts a comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [t.strip() for t in lines if "{q}" in t and not t.lstrip().startswith("#")]


def wrapped(query: dict, templates: list[str]) -> dict:
    """The query in one of the templates (the same one every run: by a hash of its id),
    its keywords listed with 「、」 as people list them."""
    template = templates[zlib.crc32(query["query_id"].encode()) % len(templates)]
    return {**query, "text": template.replace("{q}", "、".join(query["text"].split()))}


def half_of(query_id: str) -> str:
    """The fixed half ("A" or "B") of dev a query belongs to, for tune-on-one-half checks."""
    return "AB"[zlib.crc32(query_id.encode("utf-8")) % 2]


def members_of(backend, query: SearchQuery) -> set[int]:
    """The item ids of the query's matched set (embedded backend)."""
    searcher = backend.store.searcher()
    found = searcher.search(backend.build_query(query), limit=max(1, searcher.num_docs),
                            count=False).hits
    keys = backend._int_keys(searcher, [address for _, address in found])
    return {split_int_key(key)[1] for key in keys}


def set_scores(members: set[str], grades: dict[str, int], size: int) -> dict[str, float]:
    top_grade = max(grades.values())
    relevant = {d for d, g in grades.items() if g == top_grade}
    return {"matched_share": len(members) / size, "empty": float(not members),
            "recall_in_set": len(relevant & members) / len(relevant)}


def _query_figures(backend, corpus: Corpus, text: str, grades, mode: str) -> tuple:
    query = SearchQuery(parse_user_text(text), ("achievement",), limit=TOP, mode=mode,
                        with_total=False)
    started = time.perf_counter()
    page = backend.run(query)
    elapsed = (time.perf_counter() - started) * 1000
    ranked = [corpus.doc_id(hit.item_id) for hit in page.hits]
    members = {corpus.doc_id(i) for i in members_of(backend, query)}
    figures = scores_for(ranked, grades) | set_scores(members, grades, len(corpus.ids))
    return figures, elapsed


def evaluate(backend, corpus: Corpus, queries: list[dict], qrels, mode: str) -> dict:
    totals: dict[str, list[float]] = {}
    latencies: list[float] = []
    judged = [q for q in queries if qrels.get(q["query_id"])]
    for q in judged:
        figures, elapsed = _query_figures(backend, corpus, q["text"], qrels[q["query_id"]],
                                          mode)
        latencies.append(elapsed)
        for name, value in figures.items():
            totals.setdefault(name, []).append(value)
    return summary(totals, latencies, len(judged), mode)


def summary(totals: dict[str, list[float]], latencies: list[float], queries: int,
            mode: str) -> dict:
    shares = totals.pop("matched_share", [0.0])
    report = {"queries": queries, "mode": mode}
    report.update({name: round(statistics.fmean(v), 4) for name, v in totals.items()})
    report["matched_share"] = {"median": round(statistics.median(shares), 4),
                               "p90": round(percentile(shares, 0.9), 4)}
    report["latency_ms"] = {"p50": round(percentile(latencies, 0.5), 2),
                            "p95": round(percentile(latencies, 0.95), 2)}
    return report


def build_backend(directory: str, rows: list[dict], model: str | None,
                  settings: dict | None = None) -> tuple:
    params = {**(settings or {}), "PATH": directory, "EMBEDDING_MODEL": model or ""}
    backend = EmbeddedSearchBackend(params)
    corpus, documents = corpus_documents(rows)
    batch: list[SearchDocument] = []
    for document in documents:
        batch.append(document)
        if len(batch) == 5000:
            backend.add_bulk(batch)
            batch = []
    backend.add_bulk(batch)
    return backend, corpus


@click.group("bench", help="Benchmarks that print figures.")
def bench_group() -> None:
    pass


@bench_group.command("retrieval")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="JSON lines with doc_id and text")
@click.option("--queries", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="JSON lines with query_id and text")
@click.option("--qrels", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="TSV with query_id, doc_id, grade")
@click.option("--mode", type=click.Choice(["lexical", "semantic", "hybrid"]), default="lexical")
@click.option("--model", default=None, help="sentence-transformers model (directory or name)")
@click.option("--templates", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="conversational sentences with {q}: also evaluate wrapped")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
@with_appcontext
def retrieval_command(corpus: Path, queries: Path, qrels: Path, mode: str, model: str | None,
                      templates: Path | None, as_json: bool) -> None:
    """Retrieval quality and latency on a corpus with graded relevance judgements."""
    settings = {k: v for k, v in current_app.config["SEARCH_BACKENDS"]["default"].items()
                if k not in {"BACKEND", "PATH"}}
    with tempfile.TemporaryDirectory(prefix="matchhub-bench-") as directory:
        backend, index = build_backend(directory, read_jsonl(corpus), model, settings)
        if mode != "lexical" and not backend.semantic.available:
            raise click.ClickException(backend.semantic.embedder_status.reason)
        rows, judgements = read_jsonl(queries), read_qrels(qrels)
        report = evaluate(backend, index, rows, judgements, mode)
        if templates is not None:
            sentences = read_templates(templates)
            report["conversational"] = evaluate(
                backend, index, [wrapped(q, sentences) for q in rows], judgements, mode)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    else:
        for key, value in report.items():
            click.echo(f"{key:>10}: {value}")
