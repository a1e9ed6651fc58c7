"""Neighbour smoothing research on the CSL benchmark (dev split), figures in
bench/retrieval_neighbours_dev.txt.

    .venv/bin/python bench/retrieval_neighbours.py engine   # the real embedded backend
    .venv/bin/python bench/retrieval_neighbours.py numpy    # the first exploration

``engine`` builds the embedded index of corpus.jsonl once and runs the dev queries through
``EmbeddedSearchBackend.run`` (what ``matchhub bench retrieval`` runs) for a grid of
``NeighbourSmoothing`` settings, then a half-split check: settings picked on the even
queries, confirmed on the odd ones, and the other way round.

``numpy`` re-ranks the engine's top 100 hits (smoothing off) in numpy with document
vectors computed from the whole corpus: global k-NN graphs (every document can gain),
k-NN restricted to the candidates, truncated signatures, and the pool idf the engine
uses. Nothing is learned from records_dev, so there is no fold to respect; the settings
are dev-tuned, which the half-split check is there to temper.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from config import defaults  # noqa: E402
from matchhub.search.core import analysis as an  # noqa: E402
from matchhub.search.core.neighbours import NeighbourSmoothing  # noqa: E402
from matchhub.search.core.query import SearchQuery, parse_user_text  # noqa: E402
from matchhub.search.web.benchmark import (  # noqa: E402
    build_backend,
    evaluate,
    read_jsonl,
    read_qrels,
    scores_for,
)

DATA = Path("/work/shared/data/csl")
SETS = ("hiddenkw", "sharedkw", "title", "keywords")
GRID = [(w, 100, s, k) for w in (0.4, 0.6, 0.8) for s in (20, 30, 50) for k in (3, 5, 7)]


def settings() -> dict:
    base = defaults.SEARCH_BACKENDS["default"]
    return {k: v for k, v in base.items() if k not in {"BACKEND", "PATH"}}


def load(root: Path, names) -> dict:
    return {s: (read_jsonl(root / f"queries_{s}_dev.jsonl"),
                read_qrels(root / f"qrels_{s}_dev.tsv")) for s in names}


def line(results: dict) -> str:
    parts = []
    for name, r in results.items():
        head = f"R@10 {r['recall@10']:.4f}" if name == "sharedkw" else f"MRR {r['mrr@10']:.4f}"
        parts.append(f"{name} {head} nDCG {r['ndcg@10']:.4f}")
    return " | ".join(parts)


def engine(root: Path) -> None:
    data = load(root, SETS)
    with tempfile.TemporaryDirectory() as directory:
        backend, corpus = build_backend(directory, read_jsonl(root / "corpus.jsonl"), None,
                                        settings())
        runs = [NeighbourSmoothing(weight=0.0)] + [NeighbourSmoothing(*g) for g in GRID]
        for smoothing in runs:
            backend.smoothing = smoothing
            names = SETS if smoothing in (runs[0], NeighbourSmoothing()) else SETS[:2]
            results = {s: evaluate(backend, corpus, *data[s], "lexical") for s in names}
            print(f"{smoothing} | {line(results)}", flush=True)
        half_split(backend, corpus, data)


def half_split(backend, corpus, data) -> None:
    found = {}
    for g in [None, *GRID]:
        backend.smoothing = NeighbourSmoothing(*g) if g else NeighbourSmoothing(weight=0.0)
        for half in (0, 1):
            found[g, half] = tuple(
                evaluate(backend, corpus, data[s][0][half::2], data[s][1], "lexical")[key]
                for s, key in (("hiddenkw", "mrr@10"), ("sharedkw", "recall@10")))
    print(f"half-split, smoothing off: even {found[None, 0]}, odd {found[None, 1]}")
    for tune in (0, 1):
        allowed = [g for g in GRID if found[g, tune][0] >= 0.50]
        best = max(allowed, key=lambda g: found[g, tune][1])
        print(f"tuned on {('even', 'odd')[tune]} -> {best}: tune (hiddenkw MRR, sharedkw "
              f"R@10) {found[best, tune]}, confirm {found[best, 1 - tune]}")


# --- numpy exploration over the engine's candidates ------------------------------------


def candidates(root: Path) -> tuple[list[str], dict]:
    data = load(root, ("hiddenkw", "sharedkw"))
    rows = read_jsonl(root / "corpus.jsonl")
    with tempfile.TemporaryDirectory() as directory:
        backend, _ = build_backend(directory, rows, None, settings())
        backend.smoothing = NeighbourSmoothing(weight=0.0)
        out = {}
        for name, (queries, qrels) in data.items():
            out[name] = []
            for q in (q for q in queries if qrels.get(q["query_id"])):
                query = SearchQuery(parse_user_text(q["text"]), ("achievement",), limit=100,
                                    mode="lexical", with_total=False)
                hits = [(h.item_id - 1, h.score) for h in backend.run(query).hits]
                out[name].append((hits, qrels[q["query_id"]]))
    return [r["doc_id"] for r in rows], out


def doc_terms(root: Path) -> list[Counter]:
    """jieba words plus character bigrams of each abstract."""
    texts = [an.normalise(r["text"]) for r in read_jsonl(root / "corpus.jsonl")]
    return [Counter(an.words(t, normalised=True)
                    + [b for b in an.char_ngrams(t, normalised=True) if len(b) == 2])
            for t in texts]


def dense(counts: list[Counter], idf: str, top: int = 0):
    """L2-normalised sparse rows of (1 + ln tf) x idf ("collection", "pool" or "none");
    ``top`` keeps each row's ``top`` largest weights."""
    import scipy.sparse as sp  # only this exploration needs scipy

    vocab: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, c in enumerate(counts):
        for term, n in c.items():
            rows.append(row)
            cols.append(vocab.setdefault(term, len(vocab)))
            values.append(1 + np.log(n))
    matrix = sp.csr_matrix((values, (rows, cols)), shape=(len(counts), len(vocab)))
    df = np.bincount(matrix.indices, minlength=len(vocab))
    if idf != "none":
        matrix = matrix @ sp.diags(np.log((len(counts) + (idf == "pool")) / df))
    matrix = sp.csr_matrix(matrix)
    if top:
        for i in range(matrix.shape[0]):
            data = matrix.data[matrix.indptr[i] : matrix.indptr[i + 1]]
            if len(data) > top:
                data[data < np.sort(data)[-top]] = 0
        matrix.eliminate_zeros()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sp.csr_matrix(sp.diags(1 / np.maximum(norms, 1e-9)) @ matrix)


def rerank(hits, vectors, weight, pool, sources, k, pool_idf=False, everywhere=None):
    """Hits re-scored by neighbours; ``everywhere`` (a global k-NN table) lets documents
    outside the candidates gain too."""
    if len(hits) < 2:
        return hits
    top = hits[0][1]
    if everywhere is not None:
        neighbours, sims = everywhere
        base = np.zeros(len(neighbours))
        for i, s in hits:
            base[i] = s / top
        passing = np.zeros_like(base)
        for i, _ in hits[:sources]:
            passing[i] = base[i]
        gain = (sims * passing[neighbours]).sum(1) / np.maximum(sims.sum(1), 1e-9)
        new = base + weight * gain
        order = np.argsort(-new, kind="stable")[:100]
        return [(int(i), float(new[i])) for i in order]
    ids = [i for i, _ in hits[:pool]]
    base = np.array([s for _, s in hits[:pool]]) / top
    rows = vectors(ids) if pool_idf else vectors[ids]
    similar = (rows @ rows[: min(sources, len(ids))].T).toarray()
    np.fill_diagonal(similar, 0)
    if similar.shape[1] > k:
        cut = -np.partition(-similar, k - 1, axis=1)[:, k - 1 : k]
        similar = np.where(similar >= cut, similar, 0)
    gain = similar @ base[: similar.shape[1]] / np.maximum(similar.sum(1), 1e-9)
    new = base + weight * gain
    order = np.argsort(-new, kind="stable")
    return [(ids[j], float(new[j])) for j in order] + hits[pool:]


def pool_vectors(counts: list[Counter]):
    def rows(ids):
        return dense([counts[i] for i in ids], "pool")
    return rows


def knn(vectors, k: int):
    sims = (vectors @ vectors.T).toarray()
    np.fill_diagonal(sims, 0)
    neighbours = np.argsort(-sims, axis=1)[:, :k]
    return neighbours, np.take_along_axis(sims, neighbours, 1)


def measure(doc_ids, found, method) -> str:
    parts = []
    for name, rows in found.items():
        scores: dict[str, list[float]] = {}
        for hits, grades in rows:
            ranked = [doc_ids[i] for i, _ in method(hits)[:10]]
            for key, value in scores_for(ranked, grades).items():
                scores.setdefault(key, []).append(value)
        key = "recall@10" if name == "sharedkw" else "mrr@10"
        parts.append(f"{name} {key} {statistics.fmean(scores[key]):.4f} "
                     f"nDCG {statistics.fmean(scores['ndcg@10']):.4f}")
    return " | ".join(parts)


def explore(root: Path) -> None:
    doc_ids, found = candidates(root)
    counts = doc_terms(root)
    print("off |", measure(doc_ids, found, lambda h: h), flush=True)
    full = dense(counts, "collection")
    for k in (3, 5, 10):
        table = knn(full, k)
        for sources in (10, 30, 100):
            for weight in (0.2, 0.5, 1.0):
                label = f"global {k}-NN, sources {sources}, weight {weight}"
                def method(h, w=weight, s=sources, t=table, n=k):
                    return rerank(h, None, w, 100, s, n, everywhere=t)
                print(label, "|", measure(doc_ids, found, method), flush=True)
    variants = {"collection idf": full, "collection idf, top 32 terms": dense(counts,
                                                                              "collection", 32)}
    for label, vectors in variants.items():
        for pool, sources, k, weight in ((100, 30, 3, 0.6), (100, 30, 5, 0.6),
                                         (50, 30, 3, 0.6), (100, 10, 3, 0.6)):
            print(f"candidates, {label}, pool {pool}, sources {sources}, {k}-NN, weight "
                  f"{weight} |", measure(doc_ids, found, lambda h, v=vectors, p=pool, s=sources,
                                         n=k, w=weight: rerank(h, v, w, p, s, n)), flush=True)
    rows = pool_vectors(counts)
    for pool, sources, k, weight in ((100, 30, 3, 0.6), (100, 20, 5, 0.6), (50, 30, 3, 0.6)):
        print(f"candidates, pool idf, pool {pool}, sources {sources}, {k}-NN, weight {weight} |",
              measure(doc_ids, found, lambda h, p=pool, s=sources, n=k, w=weight:
                      rerank(h, rows, w, p, s, n, pool_idf=True)), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["engine", "numpy"])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    (engine if args.what == "engine" else explore)(args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
