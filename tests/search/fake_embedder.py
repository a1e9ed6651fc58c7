"""A deterministic fake of sentence-transformers, so semantic search is tested without
torch: ``fake_model`` makes ``load_embedder`` load ``FakeSentenceTransformer`` through its
real loading code (one test, tests/search/test_embedder.py, loads a real tiny model).

Vectors are hashed character unigrams and bigrams, L2-normalised: equal texts have
cosine 1, texts sharing characters are closer than texts sharing none.
"""

import zlib

import numpy as np
import pytest

from matchhub.search.backends import embedder

FAKE_DIM = 32
FAKE_MODEL = "fake/embedder"  # a hub-style name: loaded by name, never a directory


class FakeSentenceTransformer:
    prompts: dict[str, str] = {}

    def __init__(self, name: str, device: str = "cpu", **_options):
        self.name = name

    def get_sentence_embedding_dimension(self) -> int:
        return FAKE_DIM

    def encode(self, texts, batch_size: int = 32, **_options) -> np.ndarray:
        return np.vstack([_vector(text) for text in texts]).astype(np.float32)


def _vector(text: str) -> np.ndarray:
    vector = np.zeros(FAKE_DIM, dtype=np.float32)
    grams = list(text) + [text[i : i + 2] for i in range(len(text) - 1)]
    for gram in grams:
        vector[zlib.crc32(gram.encode("utf-8")) % FAKE_DIM] += 1.0
    return vector


@pytest.fixture
def fake_model(monkeypatch) -> str:
    """The model name to configure (EMBEDDING_MODEL) for the fake embedder."""
    monkeypatch.setattr(embedder, "_import_sentence_transformer",
                        lambda: FakeSentenceTransformer)
    embedder.clear_cache()
    yield FAKE_MODEL
    embedder.clear_cache()
