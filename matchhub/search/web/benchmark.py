"""``matchhub bench retrieval``: build a throwaway index from a corpus file, run every
query for its top 10, and print MRR@10, Recall@1/@10, nDCG@10 and latency as JSON.

Relevant items for MRR and recall are those with the highest grade in the query's
qrels; nDCG uses every grade (gain 2^g - 1).
"""

import csv
import json
import math
import statistics
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from matchhub.search.core.documents import SearchDocument
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


def evaluate(backend, corpus: Corpus, queries: list[dict], qrels, mode: str) -> dict:
    totals: dict[str, list[float]] = {}
    latencies: list[float] = []
    judged = [q for q in queries if qrels.get(q["query_id"])]
    for q in judged:
        started = time.perf_counter()
        page = backend.run(SearchQuery(parse_user_text(q["text"]), ("achievement",),
                                       limit=TOP, mode=mode, with_total=False))
        latencies.append((time.perf_counter() - started) * 1000)
        ranked = [corpus.doc_id(hit.item_id) for hit in page.hits]
        for name, value in scores_for(ranked, qrels[q["query_id"]]).items():
            totals.setdefault(name, []).append(value)
    report = {"queries": len(judged), "mode": mode}
    report.update({name: round(statistics.fmean(v), 4) for name, v in totals.items()})
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
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
@with_appcontext
def retrieval_command(corpus: Path, queries: Path, qrels: Path, mode: str, model: str | None,
                      as_json: bool) -> None:
    """Retrieval quality and latency on a corpus with graded relevance judgements."""
    settings = {k: v for k, v in current_app.config["SEARCH_BACKENDS"]["default"].items()
                if k not in {"BACKEND", "PATH"}}
    with tempfile.TemporaryDirectory(prefix="matchhub-bench-") as directory:
        backend, index = build_backend(directory, read_jsonl(corpus), model, settings)
        if mode != "lexical" and not backend.semantic.available:
            raise click.ClickException(backend.semantic.embedder_status.reason)
        report = evaluate(backend, index, read_jsonl(queries), read_qrels(qrels), mode)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    else:
        for key, value in report.items():
            click.echo(f"{key:>10}: {value}")
