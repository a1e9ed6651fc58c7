"""Lexical ranking research on the CSL benchmark (dev split): every variant, one table.

    /tmp/venv/bin/python bench/retrieval_research.py [--data DIR] [--only NAME,...] [--quick]

Standalone (numpy/scipy + matchhub.search.core.analysis; no app, no database). Deterministic:
no randomness; folds are fixed by record order. Every figure that uses something learned
from records_dev (user dictionary, term associations) is computed honestly: the model used
for a query never saw the record(s) that query is judged on (K-fold for hiddenkw/title/
keywords, excluding every relevant record for sharedkw). See LEAKAGE in the docstring of
``Resources``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from matchhub.search.core import analysis as an  # noqa: E402

DATA = Path("/work/shared/data/csl")
SETS = ("hiddenkw", "sharedkw", "title", "keywords")
K_FOLDS = 5


# --- data ---------------------------------------------------------------------------


@dataclass
class Query:
    qid: str
    text: str
    rel: dict[str, int]  # doc_id -> grade
    fold: int = -1  # fold of the judged record (known-item sets)
    target: str = ""  # grade-2 doc id (known-item sets)


@dataclass
class Data:
    doc_ids: list[str]
    doc_texts: list[str]  # normalised abstracts
    records: list[dict]  # records_dev, normalised title/abstract/keywords
    titles_train: list[str]
    queries: dict[str, list[Query]]
    record_fold: dict[str, int] = field(default_factory=dict)


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_data(root: Path) -> Data:
    corpus = _jsonl(root / "corpus.jsonl")
    records = _jsonl(root / "records_dev.jsonl")
    for rec in records:
        rec["title"] = an.normalise(rec["title"])
        rec["abstract"] = an.normalise(rec["abstract"])
        rec["keywords"] = [an.normalise(k) for k in rec["keywords"]]
    record_fold = {rec["id"]: i % K_FOLDS for i, rec in enumerate(records)}
    titles = []
    with open(root / "titles_train.tsv", encoding="utf-8") as fh:
        next(fh)
        titles = [an.normalise(line.split("\t")[0]) for line in fh if line.strip()]
    queries = {}
    for name in SETS:
        rel: dict[str, dict[str, int]] = defaultdict(dict)
        with open(root / f"qrels_{name}_dev.tsv", encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                qid, did, grade = line.rstrip("\n").split("\t")
                rel[qid][did] = int(grade)
        qs = []
        for row in _jsonl(root / f"queries_{name}_dev.jsonl"):
            q = Query(row["query_id"], an.normalise(row["text"]), rel[row["query_id"]])
            targets = [d for d, g in q.rel.items() if g == 2]
            if targets:
                q.target = targets[0]
                q.fold = record_fold.get(q.target, -1)
            qs.append(q)
        queries[name] = qs
    return Data(
        doc_ids=[d["doc_id"] for d in corpus],
        doc_texts=[an.normalise(d["text"]) for d in corpus],
        records=records,
        titles_train=titles,
        queries=queries,
        record_fold=record_fold,
    )


# --- metrics ------------------------------------------------------------------------


def evaluate(name: str, queries: list[Query], rankings: list[list[str]]) -> dict[str, float]:
    """Known-item sets: MRR@10, R@1, R@10 on grade 2; nDCG@10 (linear gains) on all grades.
    sharedkw: R@10 over all relevant (grade 1) docs and nDCG@10."""
    mrr = r1 = r10 = ndcg = 0.0
    for q, ranked in zip(queries, rankings, strict=True):
        top = ranked[:10]
        gains = [q.rel.get(d, 0) for d in top]
        dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
        ideal = sorted(q.rel.values(), reverse=True)[:10]
        idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
        ndcg += dcg / idcg if idcg else 0.0
        if name == "sharedkw":
            r10 += sum(1 for d in top if d in q.rel) / len(q.rel)
            continue
        for i, d in enumerate(top):
            if q.rel.get(d) == 2:
                mrr += 1.0 / (i + 1)
                r1 += i == 0
                r10 += 1
                break
    n = len(queries)
    if name == "sharedkw":
        return {"R@10": r10 / n, "nDCG@10": ndcg / n}
    return {"MRR@10": mrr / n, "R@1": r1 / n, "R@10": r10 / n, "nDCG@10": ndcg / n}


# --- sparse BM25 / BM25F --------------------------------------------------------------


class Vocab:
    def __init__(self):
        self.ids: dict[str, int] = {}

    def id(self, term: str) -> int:
        return self.ids.setdefault(term, len(self.ids))

    def get(self, term: str) -> int | None:
        return self.ids.get(term)


def tf_matrix(docs: list[list[str]], vocab: Vocab) -> sp.csr_matrix:
    rows, cols, vals = [], [], []
    for i, toks in enumerate(docs):
        for term, n in Counter(toks).items():
            rows.append(i)
            cols.append(vocab.id(term))
            vals.append(n)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), 1 << 22), dtype=np.float64)


def bm25_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Lucene/tantivy idf: ln(1 + (N - df + 0.5) / (df + 0.5))."""
    return np.log1p((n_docs - df + 0.5) / (df + 0.5))


class Bm25Field:
    """One field's BM25 weights, precomputed: W[d, t] = tf (k1+1) / (tf + k1 norm_d)."""

    def __init__(self, docs: list[list[str]], vocab: Vocab, k1: float = 1.2, b: float = 0.75):
        tf = tf_matrix(docs, vocab)
        self.n_docs = tf.shape[0]
        dl = np.asarray([len(t) for t in docs], dtype=np.float64)
        norm = 1 - b + b * dl / max(dl.mean(), 1e-9)
        df = np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.float64)
        self.idf = bm25_idf(df, self.n_docs)
        self.df = df
        w = tf.tocoo()
        data = w.data * (k1 + 1) / (w.data + k1 * norm[w.row])
        self.w = sp.csc_matrix((data, (w.row, w.col)), shape=tf.shape)
        self.tf = tf.tocsc()
        self.vocab = vocab

    def score(self, terms: dict[str, float]) -> np.ndarray:
        """Sum over query terms of weight * idf * saturated tf."""
        ids, weights = [], []
        for term, wt in terms.items():
            tid = self.vocab.get(term)
            if tid is not None and self.df[tid] > 0:
                ids.append(tid)
                weights.append(wt * self.idf[tid])
        if not ids:
            return np.zeros(self.n_docs)
        return self.w[:, ids] @ np.asarray(weights)


class Bm25fIndex:
    """BM25F over fields that share one vocabulary: per-field weighted, length-normalised
    tf summed before one saturation; idf from the document frequency in any field."""

    def __init__(self, fields: dict[str, list[list[str]]], weights: dict[str, float],
                 k1: float = 1.2, b: float = 0.75):
        self.vocab = Vocab()
        total = None
        df_any = None
        for name, docs in fields.items():
            tf = tf_matrix(docs, self.vocab)
            dl = np.asarray([len(t) for t in docs], dtype=np.float64)
            norm = 1 - b + b * dl / max(dl.mean(), 1e-9)
            part = sp.diags(weights[name] / norm) @ tf
            total = part if total is None else total + part
            present = (tf > 0).astype(np.float64)
            df_any = present if df_any is None else df_any.maximum(present)
        self.n_docs = total.shape[0]
        df = np.asarray(df_any.sum(axis=0)).ravel()
        self.df = df
        self.idf = bm25_idf(df, self.n_docs)
        t = total.tocoo()
        data = t.data * (k1 + 1) / (t.data + k1)
        self.w = sp.csc_matrix((data, (t.row, t.col)), shape=total.shape)

    score = Bm25Field.score


def query_terms(tokens: list[str], binary: bool = False) -> dict[str, float]:
    counts = Counter(tokens)
    return {t: 1.0 if binary else float(n) for t, n in counts.items()}


def top_k(scores: np.ndarray, doc_ids: list[str], k: int = 10) -> list[str]:
    k = min(k, len(scores))
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.lexsort((idx, -scores[idx]))]  # score desc, then doc order: deterministic
    return [doc_ids[i] for i in idx]


# --- tokenised collection and resources -------------------------------------------------


def mixed_tokens(text: str, tokenizer=None) -> list[str]:
    """The winning single-field analysis: char uni+bigrams followed by jieba words."""
    return an.mixed_tokens(text, normalised=True, jieba_tokenizer=tokenizer)


def is_cjk_bigram(token: str) -> bool:
    return len(token) == 2 and all("\u3400" <= ch <= "\u9fff" for ch in token)


class Collection:
    """Token lists of the corpus under every analysis the variants need (cached)."""

    def __init__(self, data: Data):
        t0 = time.perf_counter()
        texts = data.doc_texts
        self.char = [an.char_ngrams(t, normalised=True) for t in texts]
        self.cjk = [an.cjk_bigrams(t, normalised=True) for t in texts]
        self.words = [an.words(t, normalised=True) for t in texts]
        self.words_search = [an.words(t, normalised=True, search_mode=True) for t in texts]
        self.uni = [[t for t in d if not is_cjk_bigram(t)] for d in self.char]
        self.bi = [[t for t in d if is_cjk_bigram(t)] for d in self.char]
        self.tri = [
            [r[i : i + 3] for k, r in an.runs(t, normalised=True) if k == "cjk"
             for i in range(len(r) - 2)]
            for t in texts
        ]
        self.mixed = [a + b for a, b in zip(self.char, self.words, strict=True)]
        self.seconds = time.perf_counter() - t0


class Resources:
    """Things learned from records_dev, built so that no query sees its judged records.

    LEAKAGE: hiddenkw/title/keywords queries are built from a dev record (the grade-2 doc);
    any model learned from records_dev is therefore trained K-fold (K=5, fold = record
    index mod 5) and a query is answered by the model that excluded its record's fold.
    sharedkw queries are judged on every record listing the keyword, so their model
    excludes all of the query's relevant records (one model per query, or for the user
    dictionary one model without any sharedkw query keyword).
    """

    def __init__(self, data: Data):
        self.data = data
        self.rec_index = {r["id"]: i for i, r in enumerate(data.records)}
        self.fold = np.arange(len(data.records)) % K_FOLDS

    def excluded(self, set_name: str, q: Query) -> np.ndarray:
        mask = np.zeros(len(self.data.records), dtype=bool)
        if set_name == "sharedkw":
            for d in q.rel:
                if d in self.rec_index:
                    mask[self.rec_index[d]] = True
        elif q.target in self.rec_index:
            mask[self.fold == self.fold[self.rec_index[q.target]]] = True
        return mask


# --- variants ---------------------------------------------------------------------------

Scorer = "Callable[[str, Query], np.ndarray]"


def rank(data: Data, set_name: str, scorer, queries: list[Query] | None = None):
    qs = data.queries[set_name] if queries is None else queries
    return [top_k(scorer(set_name, q), data.doc_ids) for q in qs]


def single_field(docs: list[list[str]], analyse, **bm25) -> Scorer:
    index = Bm25Field(docs, Vocab(), **bm25)
    return lambda _set, q: index.score(query_terms(analyse(q.text)))


def q_char(text: str) -> list[str]:
    return an.char_ngrams(text, normalised=True)


def q_mixed(text: str) -> list[str]:
    return mixed_tokens(text)


class MixedIndex:
    """The single 'mixed' field (char uni+bigrams + jieba words): the first stage."""

    def __init__(self, docs: list[list[str]]):
        self.index = Bm25Field(docs, Vocab())

    def terms(self, text: str, tokenizer=None) -> dict[str, float]:
        return query_terms(mixed_tokens(text, tokenizer))

    def score_terms(self, terms: dict[str, float]) -> np.ndarray:
        return self.index.score(terms)


def expanded_terms(text: str, table, weight: float, tokenizer=None) -> dict[str, float]:
    """Query terms of every keyword and, at ``weight``, of its synonyms."""
    terms: dict[str, float] = {}
    for item in an.expand_query(text, normalised=True, synonyms=table, synonym_weight=weight):
        for t, n in query_terms(mixed_tokens(item.text, tokenizer)).items():
            terms[t] = terms.get(t, 0.0) + n * item.weight
    return terms


class SubPhraseReranker:
    """Re-rank the top-N: add beta * idf(p) * (|p| / |keyword|) for the longest sub-phrase
    p (>= min_chars) of each query keyword found verbatim in the document."""

    def __init__(self, texts: list[str], beta: float, min_chars: int = 3, full_only=False):
        self.texts, self.beta, self.min_chars, self.full_only = texts, beta, min_chars, full_only
        self._df: dict[str, float] = {}

    def idf(self, phrase: str) -> float:
        if phrase not in self._df:
            self._df[phrase] = sum(1 for t in self.texts if phrase in t)
        return float(bm25_idf(np.asarray(self._df[phrase]), len(self.texts)))

    def bonus(self, keywords: list[str], text: str) -> float:
        total = 0.0
        for k in keywords:
            cands = [k] if self.full_only else an.sub_phrases(
                k, normalised=True, min_chars=self.min_chars)
            for p in cands:
                if p in text:
                    total += self.idf(p) * len(p) / max(len(k), 1)
                    break
        return self.beta * total

    def rerank(self, scores: np.ndarray, query: str, top_n: int = 100) -> np.ndarray:
        scores = scores.copy()
        keywords = an.query_keywords(query, normalised=True)
        for i in np.argsort(-scores, kind="stable")[:top_n]:
            scores[i] += self.bonus(keywords, self.texts[i])
        return scores


class DisciplinePrior:
    """P(discipline | query) from a multinomial naive Bayes over the mixed tokens of the
    corpus abstracts grouped by their discipline (Dirichlet-smoothed, per-token average
    log-likelihood times tau, softmax). The corpus is what the engine indexes, so this
    uses nothing the test split would not have. Added as lam * log P(disc(d) | q)."""

    def __init__(self, data: Data, docs: list[list[str]], disciplines: list[str],
                 mu: float = 1000.0):
        self.labels = sorted(set(disciplines))
        label_id = {d: i for i, d in enumerate(self.labels)}
        self.doc_label = np.asarray([label_id[d] for d in disciplines])
        self.vocab = Vocab()
        rows, cols, vals = [], [], []
        for toks, lab in zip(docs, self.doc_label, strict=True):
            for t, n in Counter(toks).items():
                rows.append(lab)
                cols.append(self.vocab.id(t))
                vals.append(n)
        self.counts = sp.csr_matrix((vals, (rows, cols)),
                                    shape=(len(self.labels), len(self.vocab.ids))).tocsc()
        self.totals = np.asarray(self.counts.sum(axis=1)).ravel()
        self.background = np.asarray(self.counts.sum(axis=0)).ravel() / self.totals.sum()
        self.mu = mu

    def loglik(self, tokens: list[str]) -> np.ndarray:
        counts = Counter(t for t in tokens if self.vocab.get(t) is not None)
        if not counts:
            return np.zeros(len(self.labels))
        ids = [self.vocab.get(t) for t in counts]
        qtf = np.asarray(list(counts.values()), dtype=np.float64)
        a = self.counts[:, ids].toarray()
        p = (a + self.mu * self.background[ids]) / (self.totals[:, None] + self.mu)
        return (np.log(p) * qtf).sum(axis=1) / qtf.sum()

    def posterior(self, tokens: list[str], tau: float) -> np.ndarray:
        z = tau * self.loglik(tokens)
        z -= z.max()
        p = np.exp(z)
        return p / p.sum()

    def doc_log_prior(self, tokens: list[str], tau: float) -> np.ndarray:
        return np.log(self.posterior(tokens, tau)[self.doc_label] + 1e-6)


class RecordFeedback:
    """Supervised feedback from the catalogue: records (title + abstract) whose keyword list
    contains a query keyword act as relevant examples; their mean term distribution,
    times corpus idf, gives the top-M expansion terms (weight gamma * score / max)."""

    def __init__(self, data: Data, index: Bm25Field, resources: Resources):
        self.index, self.res = index, resources
        self.by_keyword: dict[str, list[int]] = defaultdict(list)
        rows, cols, vals = [], [], []
        for i, rec in enumerate(data.records):
            for k in set(rec["keywords"]):
                self.by_keyword[k].append(i)
            toks = mixed_tokens(rec["title"] + " " + rec["abstract"])
            for t, n in Counter(toks).items():
                rows.append(i)
                cols.append(index.vocab.id(t))
                vals.append(n / len(toks))
        self.p = sp.csr_matrix((vals, (rows, cols)), shape=(len(data.records), 1 << 22))
        self.inverse = None

    def expansion(self, set_name: str, q: Query, m: int) -> dict[str, float]:
        excluded = self.res.excluded(set_name, q)
        chosen = [i for k in an.query_keywords(q.text, normalised=True)
                  for i in self.by_keyword.get(k, ()) if not excluded[i]]
        if not chosen:
            return {}
        mean = np.asarray(self.p[chosen].mean(axis=0)).ravel()[: len(self.index.idf)]
        score = mean * np.where(self.index.df > 0, self.index.idf, 0.0)
        top = [i for i in np.argsort(-score, kind="stable")[:m] if score[i] > 0]
        if self.inverse is None:
            self.inverse = {i: t for t, i in self.index.vocab.ids.items()}
        return {self.inverse[i]: score[i] / score[top[0]] for i in top}


def catalogue_userdict_words(records: list[dict], skip: set[str]) -> list[str]:
    """User-dictionary entries as matchhub.search.core.userdict makes them, minus ``skip``."""
    from matchhub.search.core.userdict import dictionary_words

    return [w for w in dictionary_words(records) if w not in skip]


def doc_vectors(index: Bm25Field, docs: list[list[str]]) -> sp.csr_matrix:
    """L2-normalised (1 + log tf) * idf vectors over the index vocabulary."""
    rows, cols, vals = [], [], []
    for i, toks in enumerate(docs):
        for t, n in Counter(toks).items():
            j = index.vocab.get(t)
            if j is not None and j < len(index.df) and index.df[j] > 0:
                rows.append(i)
                cols.append(j)
                vals.append((1 + math.log(n)) * index.idf[j])
    x = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(index.df)))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel()) + 1e-12
    return sp.diags(1 / norms) @ x


def corpus_disciplines(root: Path) -> list[str]:
    return [row["discipline"] for row in _jsonl(root / "corpus.jsonl")]


def lead_text(text: str, min_chars: int) -> str:
    """The abstract's first sentences, at least ``min_chars`` long."""
    out = ""
    for part in re.split(r"[.。;；]", text):
        out += part + "."
        if len(out) >= min_chars:
            break
    return out


# --- the experiment -------------------------------------------------------------------


@dataclass
class Row:
    variant: str
    figures: dict[str, dict[str, float]]
    seconds: float
    note: str = ""


class Bench:
    def __init__(self, data: Data, sets_full: bool):
        self.data = data
        self.rows: list[Row] = []
        self.sets_full = sets_full
        t0 = time.perf_counter()
        self.col = Collection(data)
        self.res = Resources(data)
        self.mixed = MixedIndex(self.col.mixed)
        self.index_seconds = time.perf_counter() - t0
        self._base_cache: dict[str, np.ndarray] = {}

    def base(self, q: Query) -> np.ndarray:
        """First-stage (mixed field) scores of a query, cached."""
        if q.qid not in self._base_cache:
            self._base_cache[q.qid] = self.mixed.score_terms(self.mixed.terms(q.text))
        return self._base_cache[q.qid]

    def run(self, name: str, scorer, sets=("hiddenkw", "sharedkw"), note: str = "",
            rankings=None) -> Row:
        t0 = time.perf_counter()
        figures = {}
        for s in sets:
            ranked = rankings(s) if rankings else rank(self.data, s, scorer)
            figures[s] = evaluate(s, self.data.queries[s], ranked)
        row = Row(name, figures, time.perf_counter() - t0, note)
        self.rows.append(row)
        print(format_row(row), flush=True)
        return row

    # -- groups of variants --

    def baselines(self):
        c = self.col
        self.run("A1 words: BM25 over jieba words (ES+IK-like)",
                 single_field(c.words, lambda t: an.words(t, normalised=True)))
        self.run("A2 words, jieba search mode",
                 single_field(c.words_search,
                              lambda t: an.words(t, normalised=True, search_mode=True)))
        self.run("A3 cjk: ES cjk bigrams",
                 single_field(c.cjk, lambda t: an.cjk_bigrams(t, normalised=True)))
        self.run("A4 char: BM25 over char uni+bigrams (reference)",
                 single_field(c.char, q_char), self.full_sets())
        self.run("A5 char bigrams only",
                 single_field(c.bi, lambda t: [x for x in q_char(t) if is_cjk_bigram(x)]))
        tri = [a + b for a, b in zip(c.char, c.tri, strict=True)]
        self.run("A6 char uni+bi+trigrams", single_field(
            tri, lambda t: q_char(t) + [r[i:i + 3] for k, r in an.runs(t, normalised=True)
                                         if k == "cjk" for i in range(len(r) - 2)]))
        for k1, b in ((1.0, 0.75), (1.2, 0.9), (1.5, 0.6)):
            self.run(f"A7 char, k1={k1} b={b}", single_field(c.char, q_char, k1=k1, b=b))

    def fields(self):
        c = self.col
        uni, bi, wd = (Bm25Field(d, Vocab()) for d in (c.uni, c.bi, c.words))

        def split(text):
            toks = q_char(text)
            return (query_terms([t for t in toks if not is_cjk_bigram(t)]),
                    query_terms([t for t in toks if is_cjk_bigram(t)]))

        for wu, ww in ((0.5, 0.0), (1.0, 0.4)):
            self.run(f"B1 per-field BM25 sum: uni x{wu} + bi + words x{ww}",
                     lambda _s, q, wu=wu, ww=ww: wu * uni.score(split(q.text)[0])
                     + bi.score(split(q.text)[1])
                     + (ww * wd.score(query_terms(an.words(q.text, normalised=True)))
                        if ww else 0))
        for ww in (0.3, 1.0):
            f = Bm25fIndex({"c": c.char, "w": c.words}, {"c": 1.0, "w": ww})
            self.run(f"B2 BM25F char+words, shared vocab, words weight {ww}",
                     lambda _s, q, f=f: f.score(query_terms(q_mixed(q.text))))
        self.run("B3 mixed: ONE field = char uni+bigrams + jieba words",
                 lambda _s, q: self.base(q), self.full_sets())
        no_stop = [a + an.words(t, normalised=True, stopwords=frozenset())
                   for a, t in zip(c.char, self.data.doc_texts, strict=True)]
        index = Bm25Field(no_stop, Vocab())
        self.run("B3b mixed without the stopword list", lambda _s, q: index.score(query_terms(
            q_char(q.text) + an.words(q.text, normalised=True, stopwords=frozenset()))))
        mixed_search = Bm25Field([a + b for a, b in zip(c.char, c.words_search, strict=True)],
                                 Vocab())
        self.run("B4 mixed with jieba search-mode words", lambda _s, q: mixed_search.score(
            query_terms(q_char(q.text) + an.words(q.text, normalised=True, search_mode=True))))

    def query_side(self):
        m = self.mixed
        self.run("C1 mixed, binary query tf",
                 lambda _s, q: m.score_terms(query_terms(q_mixed(q.text), binary=True)))

        def inside_words(text, factor):
            terms = m.terms(text)
            inside = {g for w in an.words(text, normalised=True, search_mode=True)
                      for g in an.char_ngrams(w, normalised=True, unigrams=False)}
            for t in list(terms):
                if is_cjk_bigram(t) and t not in inside:
                    terms[t] *= factor
            return terms

        for factor in (0.0, 0.5):
            self.run(f"C2 mixed, query bigrams crossing a word boundary x{factor}",
                     lambda _s, q, f=factor: m.score_terms(inside_words(q.text, f)))

        def scaled_unigrams(text, factor):
            terms = m.terms(text)
            return {t: w * (factor if len(t) == 1 else 1.0) for t, w in terms.items()}

        self.run("C3 mixed, query unigrams x0.7",
                 lambda _s, q: m.score_terms(scaled_unigrams(q.text, 0.7)))

        def idf_keyword_weight(text):
            # weight each keyword by its mean term idf relative to the query's mean
            terms: dict[str, float] = {}
            for k in an.query_keywords(text, normalised=True):
                kt = query_terms(mixed_tokens(k))
                ids = [m.index.vocab.get(t) for t in kt]
                idf = [m.index.idf[i] for i in ids if i is not None and m.index.df[i] > 0]
                w = float(np.mean(idf)) if idf else 1.0
                for t, n in kt.items():
                    terms[t] = terms.get(t, 0.0) + n * w
            norm = np.mean(list(terms.values())) if terms else 1.0
            return {t: v / norm for t, v in terms.items()}

        self.run("C4 mixed, keywords weighted by mean idf",
                 lambda _s, q: m.score_terms(idf_keyword_weight(q.text)))

    def proximity(self):
        texts = self.data.doc_texts
        for beta, min_chars in ((0.5, 3), (1.0, 2), (2.0, 3)):
            rr = SubPhraseReranker(texts, beta, min_chars)
            self.run(f"D1 mixed + longest sub-phrase bonus b={beta} min={min_chars} (top100)",
                     lambda _s, q, rr=rr: rr.rerank(self.base(q), q.text))
        rr = SubPhraseReranker(texts, 1.0, full_only=True)
        self.run("D2 mixed + whole-keyword phrase bonus b=1 (top100)",
                 lambda _s, q: rr.rerank(self.base(q), q.text))

    def associations(self):
        fb = RecordFeedback(self.data, self.mixed.index, self.res)
        for m, gamma in ((20, 0.1), (50, 0.3)):
            def scorer(s, q, m=m, gamma=gamma):
                terms = self.mixed.terms(q.text)
                for t, w in fb.expansion(s, q, m).items():
                    terms[t] = terms.get(t, 0.0) + gamma * w
                return self.mixed.score_terms(terms)

            self.run(f"E1 mixed + record-feedback expansion M={m} g={gamma} (K-fold)", scorer)

    def synonym_tables(self):
        hand = an.load_synonyms(str(SYNONYMS))
        lines = SYNONYMS.read_text(encoding="utf-8").splitlines()
        unseen_file = Path("/tmp/matchhub_synonyms_unseen.txt")
        unseen_file.write_text("\n".join(x for x in lines if "seen-in-dev" not in x),
                               encoding="utf-8")
        unseen = an.load_synonyms(str(unseen_file))
        pairs = an.mine_abbreviations(self.data.doc_texts + self.data.titles_train)
        mined = an.synonym_table([{k} | v for k, v in sorted(pairs.items())])
        return {"hand": hand, "hand-unseen": unseen, "mined": mined,
                "hand+mined": an.merge_tables(hand, mined),
                "hand-unseen+mined": an.merge_tables(unseen, mined)}

    def synonyms(self):
        tables = self.synonym_tables()
        for name, weight in (("hand", 1.0), ("hand-unseen", 1.0), ("mined", 0.5),
                             ("hand+mined", 1.0), ("hand-unseen+mined", 1.0)):
            table = tables[name]
            self.run(f"F1 mixed + synonyms [{name}] w={weight} ({len(table)} entries)",
                     lambda _s, q, t=table, w=weight: self.mixed.score_terms(
                         expanded_terms(q.text, t, w)))

    def userdict(self):
        data, c = self.data, self.col
        shared_kw = {q.text.replace(" ", "") for q in data.queries["sharedkw"]}
        all_words = catalogue_userdict_words(data.records, set())

        def fold_models(exclude_fold):
            """Tokenizer + mixed index with a userdict from records outside the fold."""
            if exclude_fold == "leaky":
                words = all_words
            elif exclude_fold == "shared":
                words = [w for w in all_words if w not in shared_kw]
            else:
                keep = [r for i, r in enumerate(data.records) if i % K_FOLDS != exclude_fold]
                words = catalogue_userdict_words(keep, set())
            tok = an.make_tokenizer(words)
            docs = [a + an.words(t, normalised=True, jieba_tokenizer=tok)
                    for a, t in zip(c.char, data.doc_texts, strict=True)]
            return tok, Bm25Field(docs, Vocab())

        def rankings_for(honest):
            models = {}

            def model(key):
                if key not in models:
                    models[key] = fold_models(key)
                return models[key]

            def ranked(s):
                out = []
                for q in data.queries[s]:
                    key = "leaky" if not honest else ("shared" if s == "sharedkw" else q.fold)
                    tok, index = model(key)
                    out.append(top_k(index.score(query_terms(mixed_tokens(q.text, tok))),
                                     data.doc_ids))
                return out

            return ranked

        self.run("G1 mixed + userdict of catalogue keywords, K-fold (honest)", None,
                 rankings=rankings_for(True))
        self.run("G2 mixed + userdict of ALL dev keywords (LEAKS: contains the queries)",
                 None, rankings=rankings_for(False))

    def discipline(self):
        disciplines = corpus_disciplines(self.data_root)
        self.prior = DisciplinePrior(self.data, self.col.mixed, disciplines)
        self._post: dict[str, np.ndarray] = {}
        for tau, lam in ((1.0, 1.0), (3.0, 0.5), (3.0, 1.0), (3.0, 2.0), (10.0, 1.0)):
            self.run(f"H1 mixed + discipline prior tau={tau} lam={lam}",
                     lambda _s, q, tau=tau, lam=lam: self.with_prior(q, tau, lam))

    def with_prior(self, q: Query, tau: float, lam: float, base=None) -> np.ndarray:
        if q.qid not in self._post:
            self._post[q.qid] = self.prior.loglik(mixed_tokens(q.text))
        z = tau * self._post[q.qid]
        z = z - z.max()
        p = np.exp(z) / np.exp(z).sum()
        first = self.base(q) if base is None else base
        return first + lam * np.log(p[self.prior.doc_label] + 1e-6)

    def combined(self, tau: float, lam: float, table_name: str, weight: float):
        table = self.synonym_tables()[table_name]
        self.run(f"I1 BEST: mixed + synonyms [{table_name}] + discipline prior "
                 f"tau={tau} lam={lam}",
                 lambda _s, q: self.with_prior(
                     q, tau, lam, self.mixed.score_terms(expanded_terms(q.text, table, weight))),
                 self.full_sets())
        self.run(f"I2 mixed + discipline prior tau={tau} lam={lam} (no synonyms)",
                 lambda _s, q: self.with_prior(q, tau, lam), self.full_sets())

    def more(self):
        """Further corpus-only ideas; all within noise of B3 on dev."""
        m, texts = self.mixed, self.data.doc_texts
        x = doc_vectors(m.index, self.col.mixed)
        sim = (x @ x.T).toarray()
        np.fill_diagonal(sim, 0.0)
        nearest = np.argsort(-sim, axis=1, kind="stable")[:, :5]
        graph = np.zeros_like(sim)
        rows = np.arange(sim.shape[0])[:, None]
        graph[rows, nearest] = sim[rows, nearest]
        self.run("J1 mixed + score regularisation over 5-NN doc graph a=0.4",
                 lambda _s, q: self.base(q) + 0.4 * (graph @ self.base(q)))
        lead = Bm25Field([d + mixed_tokens(lead_text(t, 80))
                          for d, t in zip(self.col.mixed, texts, strict=True)], Vocab())
        self.run("J2 mixed, first sentence(s) (>=80 chars) indexed twice",
                 lambda _s, q: lead.score(m.terms(q.text)))

        def coordination(q, power=0.3):
            keywords = an.query_keywords(q.text, normalised=True)
            if len(keywords) < 2:
                return self.base(q)
            per = [m.score_terms(m.terms(k)) for k in keywords]
            matched = sum((p > 0.3 * p.max()).astype(float) for p in per) / len(keywords)
            return sum(per) * matched**power

        self.run("J3 mixed x (share of keywords matched)^0.3", lambda _s, q: coordination(q))
        self.knn_keyword_expansion(k=10, beta=0.2)

    def knn_keyword_expansion(self, k: int, beta: float):
        """Document expansion: each doc gets the keywords of its k most similar catalogue
        records (tf-idf cosine, title+abstract) as a second field. K-fold: the field used
        for a query of fold f comes from records outside f; for sharedkw, no record passes
        on a keyword that is a sharedkw query."""
        data, m = self.data, self.mixed
        rec_docs = [mixed_tokens(r["title"] + " " + r["abstract"]) for r in data.records]
        sim = (doc_vectors(m.index, self.col.mixed) @ doc_vectors(m.index, rec_docs).T).toarray()
        kw_tokens = [[(k_, mixed_tokens(k_)) for k_ in r["keywords"]] for r in data.records]
        fold = np.arange(len(data.records)) % K_FOLDS
        shared = frozenset(q.text for q in data.queries["sharedkw"])

        def field(excluded, drop):
            s = sim.copy()
            s[:, excluded] = -1.0
            nearest = np.argsort(-s, axis=1, kind="stable")[:, :k]
            docs = [[t for j in nearest[i] if s[i, j] > 0 for kw, toks in kw_tokens[j]
                     if kw not in drop for t in toks] for i in range(len(s))]
            return Bm25Field(docs, Vocab())

        fields = {f: field(fold == f, frozenset()) for f in range(K_FOLDS)}
        fields["shared"] = field(np.zeros(len(fold), dtype=bool), shared)
        self.run(f"J4 mixed + {k}-NN records' keywords as a doc field x{beta} (K-fold)",
                 lambda s, q: self.base(q) + beta * fields[
                     "shared" if s == "sharedkw" else q.fold].score(m.terms(q.text)))

    def full_sets(self):
        return SETS if self.sets_full else ("hiddenkw", "sharedkw")


def format_row(row: Row) -> str:
    h = row.figures.get("hiddenkw", {})
    s = row.figures.get("sharedkw", {})
    t = row.figures.get("title", {})
    k = row.figures.get("keywords", {})

    def f(d, key):
        return f"{d[key]:.3f}" if key in d else "  -  "

    return (f"{row.variant[:78]:<78} | {f(h, 'MRR@10')} {f(h, 'R@1')} {f(h, 'R@10')} "
            f"{f(h, 'nDCG@10')} | {f(s, 'R@10')} {f(s, 'nDCG@10')} | {f(t, 'MRR@10')} "
            f"{f(t, 'nDCG@10')} | {f(k, 'MRR@10')} {f(k, 'nDCG@10')} | {row.seconds:6.1f}s")


HEADER = (f"{'variant':<78} | hiddenkw MRR  R@1   R@10  nDCG | sharedkw R@10 nDCG | "
          "title MRR nDCG | keywords MRR nDCG | time")

SYNONYMS = Path(__file__).resolve().parents[1] / "config" / "search" / "synonyms.txt"


# --- honest tuning: pick on one half of the dev queries, confirm on the other -----------

GRID = [(tau, lam) for tau in (1.0, 3.0, 10.0) for lam in (0.5, 1.0, 2.0)]


def half_split(bench: Bench, table_name: str, weight: float) -> tuple[float, float]:
    """Choose (tau, lam) on the even-numbered hiddenkw+sharedkw queries by
    hiddenkw MRR@10 + sharedkw R@10; print the odd half for the base and the choice."""
    data = bench.data
    table = bench.synonym_tables()[table_name]
    expanded: dict[str, np.ndarray] = {}

    def first(q):
        if q.qid not in expanded:
            expanded[q.qid] = bench.mixed.score_terms(expanded_terms(q.text, table, weight))
        return expanded[q.qid]

    def figures(half, tau, lam, synonyms=True):
        out = {}
        for s in ("hiddenkw", "sharedkw"):
            qs = [q for i, q in enumerate(data.queries[s]) if i % 2 == half]
            ranked = [top_k(bench.with_prior(q, tau, lam, first(q) if synonyms else None)
                            if lam else (first(q) if synonyms else bench.base(q)),
                            data.doc_ids) for q in qs]
            out[s] = evaluate(s, qs, ranked)
        return out

    def objective(f):
        return f["hiddenkw"]["MRR@10"] + f["sharedkw"]["R@10"]

    scored = [(objective(figures(0, tau, lam)), tau, lam) for tau, lam in GRID]
    best = max(scored, key=lambda x: (round(x[0], 6), -x[1], -x[2]))
    print(f"\nhalf-split tuning on even queries ({table_name} synonyms w={weight}): "
          + ", ".join(f"tau={t} lam={lam}: {o:.3f}" for o, t, lam in scored))
    print(f"chosen tau={best[1]} lam={best[2]}")
    char = single_field(bench.col.char, q_char)
    for label, half in (("tune half (even)", 0), ("confirm half (odd)", 1)):
        reference = {}
        for s in ("hiddenkw", "sharedkw"):
            qs = [q for i, q in enumerate(data.queries[s]) if i % 2 == half]
            reference[s] = evaluate(s, qs, rank(data, s, char, qs))
        base = figures(half, 0, 0, synonyms=False)
        chosen = figures(half, best[1], best[2])
        for name, f in (("A4 char", reference), ("B3 mixed", base), ("I1 best", chosen)):
            print(f"  {label:<20} {name:<9} hiddenkw MRR {f['hiddenkw']['MRR@10']:.3f} "
                  f"R@10 {f['hiddenkw']['R@10']:.3f} nDCG {f['hiddenkw']['nDCG@10']:.3f} | "
                  f"sharedkw R@10 {f['sharedkw']['R@10']:.3f} nDCG {f['sharedkw']['nDCG@10']:.3f}")
    return best[1], best[2]


def timings(bench: Bench, tau: float, lam: float, table_name: str, weight: float):
    table = bench.synonym_tables()[table_name]
    qs = bench.data.queries["hiddenkw"] + bench.data.queries["sharedkw"]
    t0 = time.perf_counter()
    for q in qs:
        bench.mixed.score_terms(bench.mixed.terms(q.text))
    t1 = time.perf_counter()
    for q in qs:
        tokens = mixed_tokens(q.text)
        first = bench.mixed.score_terms(expanded_terms(q.text, table, weight))
        z = tau * bench.prior.loglik(tokens)
        p = np.exp(z - z.max())
        first + lam * np.log(p[bench.prior.doc_label] / p.sum() + 1e-6)
    t2 = time.perf_counter()
    print(f"\ntimings: corpus analysis + indexes {bench.index_seconds:.1f}s "
          f"(all analyses for {len(bench.data.doc_ids)} docs); "
          f"per query: mixed BM25 {1000 * (t1 - t0) / len(qs):.2f} ms, "
          f"best pipeline {1000 * (t2 - t1) / len(qs):.2f} ms (numpy, {len(qs)} queries)")


GROUPS = ("baselines", "fields", "query", "proximity", "assoc", "synonyms", "userdict",
          "more", "discipline", "best")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"comma-separated groups: {','.join(GROUPS)}")
    parser.add_argument("--quick", action="store_true", help="skip the title/keywords sets")
    args = parser.parse_args(argv)
    groups = [g for g in args.only.split(",") if g]
    t0 = time.perf_counter()
    # The config user dictionary is built from catalogue keywords, which include the dev
    # queries: every variant except G1/G2 runs on jieba's own dictionary.
    an.set_tokenizer(an.make_tokenizer(None))
    data = load_data(args.data)
    bench = Bench(data, sets_full=not args.quick)
    bench.data_root = args.data
    print(f"loaded {len(data.doc_ids)} docs, {len(data.records)} records, "
          + ", ".join(f"{k} {len(v)}" for k, v in data.queries.items())
          + f" queries in {time.perf_counter() - t0:.1f}s\n")
    print(HEADER)
    print("-" * len(HEADER))
    table_name, weight = "hand-unseen+mined", 1.0
    for group in groups:
        if group == "baselines":
            bench.baselines()
        elif group == "fields":
            bench.fields()
        elif group == "query":
            bench.query_side()
        elif group == "proximity":
            bench.proximity()
        elif group == "assoc":
            bench.associations()
        elif group == "synonyms":
            bench.synonyms()
        elif group == "userdict":
            bench.userdict()
        elif group == "more":
            bench.more()
        elif group == "discipline":
            bench.discipline()
        elif group == "best":
            if not hasattr(bench, "prior"):
                bench.discipline()
            tau, lam = half_split(bench, table_name, weight)
            print()
            bench.combined(tau, lam, table_name, weight)
            bench.combined(tau, lam, "hand+mined", weight)
            timings(bench, tau, lam, table_name, weight)
    print(f"\ntotal {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
