"""Offline comparison of matched-set rules over the lexical ranking of the CSL dev queries:
what share of the corpus each rule keeps and how many relevant documents it keeps, on
both fixed halves of dev. Written to look past the rules the engine implements:

- ``top k%``: the best k % of the ranking (a ceiling: no cut by score keeps more of the
  relevant documents at that share);
- ``cut c * n^a``: scores of at least c * n^a times the best (n: the query's specific
  topic words), when some document matches by the "either" rule, as "relative"
  membership does with a = 0.

    .venv/bin/python bench/membership_cuts.py [--data DIR] > bench/membership_cuts.txt
"""

import argparse
import statistics
import tempfile
from pathlib import Path

from matchhub import create_app
from matchhub.search.backends.embedded import EmbeddedSearchBackend
from matchhub.search.core.analysed import analyse, membership_groups
from matchhub.search.core.documents import split_int_key
from matchhub.search.core.query import SearchQuery, parse_user_text
from matchhub.search.web import benchmark as bm

ROOT = Path(__file__).resolve().parents[1]
TOPS = (0.01, 0.02, 0.036, 0.05)
CUTS = [(c, a) for a in (0.0, 0.5, 1.0) for c in (0.1, 0.125, 0.15, 0.175, 0.2)]


def query_rows(backend, corpus, queries, qrels) -> list[dict]:
    searcher = backend.store.searcher()
    size = len(corpus.ids)
    rows = []
    for q in queries:
        query = SearchQuery(parse_user_text(q["text"]), ("achievement",), mode="lexical")
        found = searcher.search(backend.build_query(query, membership=False), limit=size,
                                count=False).hits
        keys = backend._int_keys(searcher, [address for _, address in found])
        ranked = [corpus.doc_id(split_int_key(k)[1]) for k in keys]
        scores = [score for score, _ in found]
        words = max(1, len(membership_groups(analyse(query.text), backend._word_share(),
                                             0.1)))
        gate = bool(bm.members_of(backend, query))
        grades = qrels[q["query_id"]]
        relevant = {d for d, g in grades.items() if g == max(grades.values())}
        row = {"half": bm.half_of(q["query_id"])}
        for top in TOPS:
            kept = set(ranked[: int(top * size)])
            row[f"top {top:.1%}"] = (len(relevant & kept) / len(relevant), len(kept) / size)
        for c, a in CUTS:
            cut = min(0.6, c * words ** a)
            kept = {d for d, s in zip(ranked, scores, strict=True) if gate and s >= cut * scores[0]}
            row[f"cut {c} * n^{a}"] = (len(relevant & kept) / len(relevant), len(kept) / size)
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/csl")
    args = parser.parse_args()
    templates = bm.read_templates(ROOT / "bench/conversational_templates.txt")
    app = create_app({"TESTING": True})
    with app.app_context(), tempfile.TemporaryDirectory(prefix="cuts-") as path:
        _, corpus = bm.build_backend(path, bm.read_jsonl(args.data / "corpus.jsonl"), None)
        backend = EmbeddedSearchBackend({"PATH": path, "EMBEDDING_MODEL": "",
                                         "MEMBERSHIP": "either", "WORD_MATCH": 0.34,
                                         "GENERIC_DF_SHARE": 0.1, "MIN_SHOULD_MATCH": 0.5})
        print("recall_in_set (mean) and matched share (median, p90) per rule; all dev, "
              "half A, half B")
        for name in ("keywords", "hiddenkw", "sharedkw"):
            qrels = bm.read_qrels(args.data / f"qrels_{name}_dev.tsv")
            queries = [q for q in bm.read_jsonl(args.data / f"queries_{name}_dev.jsonl")
                       if qrels.get(q["query_id"])]
            for label, batch in ((name, queries),
                                 (name + "+conv", [bm.wrapped(q, templates) for q in queries])):
                rows = query_rows(backend, corpus, batch, qrels)
                print(f"== {label} ({len(rows)} queries)")
                for rule in (k for k in rows[0] if k != "half"):
                    cells = []
                    for half in (None, "A", "B"):
                        part = [r[rule] for r in rows if half is None or r["half"] == half]
                        shares = sorted(s for _, s in part)
                        cells.append(f"{half or 'all'} {statistics.fmean(r for r, _ in part):.4f}"
                                     f" {statistics.median(shares):.4f}"
                                     f" {shares[int(0.9 * (len(shares) - 1))]:.3f}")
                    print(f"  {rule:18s} | " + " | ".join(cells))


if __name__ == "__main__":
    main()
