"""Latency of hybrid (lexical + semantic) search in the embedded backend.

    python bench/hybrid_speed.py --index DIR [--model DIR] [--queries 300]

No pretrained Chinese model can be fetched on a closed network, so by default this builds
a sentence-transformers model with random weights in the shape of BAAI/bge-small-zh-v1.5
(BERT, 4 layers, hidden size 512, 8 heads, feed-forward 2048, a 21k-token vocabulary of
the CJK block; mean pooling, normalised). ``--model`` takes a real model directory instead.

DIR is a lexical index kept by ``bench/search_speed.py --keep DIR``. Encoding a large
catalogue with such a model on two CPU cores takes hours, so the catalogue's vectors are
seeded random unit vectors (512 dimensions, one per indexed document), stored and indexed
(usearch HNSW above the exact-search threshold) by the real vector store. Each query is
encoded by the model for real. What this measures is therefore the machinery of a hybrid
query (query encoding, approximate nearest neighbours, lexical candidates, fusion,
filters) — not retrieval quality. The vectors are written beside the index in DIR.
Prints one JSON object.
"""

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from search_specs import register_specs
from search_speed import PAGE_FACETS, load_records

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from matchhub.search.core.query import SearchQuery, parse_user_text

DIM, LAYERS, HEADS, FFN, MAX_SEQ = 512, 4, 8, 2048, 512
CJK_BLOCK = range(0x4E00, 0x9FFF + 1)
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def shaped_model(directory: Path) -> Path:
    """A random-weight model shaped like bge-small-zh-v1.5, written into ``directory``."""
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    try:
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:  # sentence-transformers before 6
        from sentence_transformers import models

    bert = directory / "bert"
    bert.mkdir(parents=True, exist_ok=True)
    vocabulary = SPECIAL + list("abcdefghijklmnopqrstuvwxyz0123456789") + \
        [chr(code) for code in CJK_BLOCK]
    (bert / "vocab.txt").write_text("\n".join(vocabulary) + "\n", encoding="utf-8")
    config = BertConfig(vocab_size=len(vocabulary), hidden_size=DIM, num_hidden_layers=LAYERS,
                        num_attention_heads=HEADS, intermediate_size=FFN,
                        max_position_embeddings=MAX_SEQ)
    torch.manual_seed(0)
    BertModel(config).save_pretrained(bert)
    BertTokenizerFast(vocab_file=str(bert / "vocab.txt")).save_pretrained(bert)
    transformer = models.Transformer(str(bert), max_seq_length=MAX_SEQ)
    target = directory / "model"
    SentenceTransformer(modules=[transformer, models.Pooling(DIM, "mean"), models.Normalize()],
                        device="cpu").save(str(target))
    return target


def fill_vectors(backend: EmbeddedSearchBackend, seed: int) -> float:
    """One seeded random unit vector per indexed document; seconds taken (HNSW included)."""
    searcher = backend.store.searcher()
    hits = searcher.search(backend.build_query(SearchQuery(parse_user_text(""), (
        "achievement", "need", "organisation", "broker"))), limit=searcher.num_docs,
        count=False).hits
    keys = np.array(searcher.fast_field_values("int_key", [a for _, a in hits]), dtype=np.uint64)
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((len(keys), DIM), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    started = time.perf_counter()
    store = backend.semantic.store()
    store.clear()
    store.upsert(keys, vectors)
    store.save()
    return time.perf_counter() - started


def latencies(run, texts: list[str]) -> dict:
    def timed(text):
        started = time.perf_counter()
        run(text)
        return (time.perf_counter() - started) * 1000

    for text in texts[:20]:
        timed(text)
    times = sorted(timed(t) for t in texts)
    return {"queries": len(times), "p50": round(statistics.median(times), 2),
            "p95": round(times[int(0.95 * len(times)) - 1], 2)}


def main() -> None:
    register_specs()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, help="a lexical index kept by search_speed")
    parser.add_argument("--model", default="", help="a sentence-transformers model directory")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts = [" ".join(r["keywords"][:2]) for r in load_records()[: args.queries]]
    with tempfile.TemporaryDirectory(prefix="matchhub-hybrid-") as scratch:
        model = args.model or str(shaped_model(Path(scratch)))
        backend = EmbeddedSearchBackend({"PATH": args.index, "EMBEDDING_MODEL": model})
        status = backend.semantic.embedder_status
        if not backend.semantic.available:
            raise SystemExit(f"the model did not load: {status.reason}")
        fill_seconds = fill_vectors(backend, args.seed)
        embedder = status.embedder

        def query(text, mode, total=False, facets=()):
            return backend.run(SearchQuery(parse_user_text(text), ("achievement",), limit=10,
                                           mode=mode, with_total=total, facets=facets))
        report = {
            "documents": backend.count(), "vectors": len(backend.semantic.store()),
            "hnsw": backend.semantic.store().uses_hnsw,
            "model": "given" if args.model else "random weights, bge-small-zh-v1.5 shape",
            "vector_fill_seconds": round(fill_seconds, 1),
            "query_encoding_ms": latencies(lambda t: embedder.encode_queries([t]), texts),
            "semantic_top10_ms": latencies(lambda t: query(t, "semantic"), texts),
            "hybrid_top10_ms": latencies(lambda t: query(t, "hybrid"), texts),
            "hybrid_page_facets_ms": latencies(lambda t: query(t, "hybrid", True, PAGE_FACETS),
                                               texts),
            "lexical_top10_ms": latencies(lambda t: query(t, "lexical"), texts),
        }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
