"""Check that the recommended first stage runs as plain tantivy queries.

    /tmp/venv/bin/python bench/tantivy_check.py [--data DIR]

Indexes the corpus with tantivy: field ``mixed`` holds the pre-analysed tokens
(analysis.char_ngrams + analysis.words, space-joined, tantivy's whitespace tokenizer),
field ``discipline`` the raw discipline. A query is a boolean OR of term queries on
``mixed`` boosted by the query term frequency (B3), plus for I2 one const-score term query
on ``discipline`` per discipline, boosted by lam * (log P(discipline|query) - log 1e-6):
the discipline prior as a non-negative bonus, same ranking as adding lam * log P. Prints
the dev figures next to the numpy implementation's.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import tantivy

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import retrieval_research as rr  # noqa: E402

from matchhub.search.core import analysis as an  # noqa: E402


def build(data: rr.Data, docs: list[list[str]], disciplines: list[str]):
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("doc_id", stored=True, tokenizer_name="raw")
    sb.add_text_field("mixed", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("discipline", tokenizer_name="raw")
    schema = sb.build()
    index = tantivy.Index(schema)
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    for doc_id, toks, disc in zip(data.doc_ids, docs, disciplines, strict=True):
        writer.add_document(tantivy.Document(doc_id=doc_id, mixed=" ".join(toks),
                                             discipline=disc))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return schema, index


def term_clauses(schema, terms: dict[str, float]):
    return [(tantivy.Occur.Should,
             tantivy.Query.boost_query(tantivy.Query.term_query(schema, "mixed", t), w))
            for t, w in terms.items()]


def prior_clauses(schema, prior: rr.DisciplinePrior, tokens, tau, lam):
    post = prior.posterior(tokens, tau)
    out = []
    for label, p in zip(prior.labels, post, strict=True):
        bonus = lam * (np.log(p + 1e-6) - np.log(1e-6))
        if bonus > 1e-9:
            q = tantivy.Query.const_score_query(
                tantivy.Query.term_query(schema, "discipline", label), float(bonus))
            out.append((tantivy.Occur.Should, q))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=rr.DATA)
    parser.add_argument("--tau", type=float, default=10.0)
    parser.add_argument("--lam", type=float, default=0.5)
    args = parser.parse_args(argv)
    an.set_tokenizer(an.make_tokenizer(None))
    data = rr.load_data(args.data)
    docs = [rr.mixed_tokens(t) for t in data.doc_texts]
    disciplines = rr.corpus_disciplines(args.data)
    t0 = time.perf_counter()
    schema, index = build(data, docs, disciplines)
    print(f"tantivy index of {len(docs)} docs in {time.perf_counter() - t0:.1f}s")
    searcher = index.searcher()
    prior = rr.DisciplinePrior(data, docs, disciplines)
    numpy_index = rr.Bm25Field(docs, rr.Vocab())
    for with_prior in (False, True):
        for set_name in ("hiddenkw", "sharedkw"):
            queries = data.queries[set_name]
            ranked, ranked_np, elapsed = [], [], 0.0
            for q in queries:
                tokens = rr.mixed_tokens(q.text)
                terms = {t: float(n) for t, n in Counter(tokens).items()}
                clauses = term_clauses(schema, terms)
                if with_prior:
                    clauses += prior_clauses(schema, prior, tokens, args.tau, args.lam)
                t1 = time.perf_counter()
                hits = searcher.search(tantivy.Query.boolean_query(clauses), 10).hits
                elapsed += time.perf_counter() - t1
                ranked.append([searcher.doc(a)["doc_id"][0] for _, a in hits])
                scores = numpy_index.score(terms)
                if with_prior:
                    scores = scores + args.lam * prior.doc_log_prior(tokens, args.tau)
                ranked_np.append(rr.top_k(scores, data.doc_ids))
            f_t = rr.evaluate(set_name, queries, ranked)
            f_n = rr.evaluate(set_name, queries, ranked_np)
            label = "I2 mixed + discipline prior" if with_prior else "B3 mixed"
            print(f"{label:<28} {set_name:<9} tantivy "
                  + " ".join(f"{k} {v:.3f}" for k, v in f_t.items())
                  + " | numpy " + " ".join(f"{k} {v:.3f}" for k, v in f_n.items())
                  + f" | tantivy {1000 * elapsed / len(queries):.2f} ms/query")
    return 0


if __name__ == "__main__":
    sys.exit(main())
