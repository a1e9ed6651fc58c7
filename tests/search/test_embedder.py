"""The embedder loads a real (tiny, home-made) model offline and never raises; the rest
of its behaviour is checked over the fake sentence-transformers of fake_embedder.py."""

import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from matchhub.search.backends import embedder as embedder_module
from matchhub.search.backends.embedder import (
    BGE_ZH_QUERY_PREFIX,
    clear_cache,
    enabled,
    load_embedder,
)
from tests.search.fake_embedder import FAKE_DIM

pytest_plugins = [
    "tests.search.tiny_model",  # the session fixture tiny_model_dir
    "tests.search.fake_embedder",  # fake_model
]
TINY_DIM = 32  # the hidden size tiny_model.py builds

TEXTS = ["一种新型锂离子电池正极材料的制备方法", "高校科技成果转移转化平台", "solar cell 2024"]


def test_loads_directory_and_encodes_chinese(tiny_model_dir):
    status = load_embedder(tiny_model_dir)
    assert status.ok and status.state == "ready" and status.reason == ""
    embedder = status.embedder
    assert embedder.dim == TINY_DIM and embedder.name == tiny_model_dir
    vectors = embedder.encode(TEXTS)
    assert vectors.shape == (3, TINY_DIM) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(vectors[0], vectors[1])
    assert status.as_dict() == {
        "ok": True, "state": "ready", "model": tiny_model_dir, "reason": "", "dim": TINY_DIM,
    }


def test_encoding_is_deterministic_and_batch_independent(fake_model):
    embedder = load_embedder(fake_model).embedder
    together = embedder.encode(TEXTS, batch_size=2)
    one_by_one = np.vstack([embedder.encode([text]) for text in TEXTS])
    np.testing.assert_allclose(together, embedder.encode(TEXTS), atol=1e-6)
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)


def test_empty_input_gives_empty_matrix(fake_model):
    vectors = load_embedder(fake_model).embedder.encode([])
    assert vectors.shape == (0, FAKE_DIM) and vectors.dtype == np.float32


def test_query_prefix_applies_to_queries_only(fake_model):
    embedder = load_embedder(fake_model, query_prefix=BGE_ZH_QUERY_PREFIX).embedder
    query = embedder.encode_queries(["电池材料"])
    np.testing.assert_allclose(query, embedder.encode([BGE_ZH_QUERY_PREFIX + "电池材料"]))
    document = embedder.encode_documents(["电池材料"])
    np.testing.assert_allclose(document, embedder.encode(["电池材料"]))
    assert not np.allclose(query, embedder.encode(["电池材料"]))


def test_no_prefix_configured_means_none(fake_model):
    assert load_embedder(fake_model).embedder.query_prefix == ""


def test_one_model_per_process_even_under_concurrent_loads(fake_model):
    clear_cache()
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(load_embedder(fake_model)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    models = {id(status.embedder._model) for status in results}
    assert len(results) == 4 and len(models) == 1


def test_uncached_hub_name_fails_fast_with_reason(tmp_path):
    assert enabled()  # import torch and sentence-transformers outside the timing
    started = time.monotonic()
    status = load_embedder("BAAI/bge-small-zh-v1.5", cache_dir=str(tmp_path / "hf-cache"))
    assert time.monotonic() - started < 10
    assert not status.ok and status.state == "error" and status.embedder is None
    assert status.model == "BAAI/bge-small-zh-v1.5"
    assert "加载失败" in status.reason and "EMBEDDING_MODEL" in status.reason


def test_missing_directory_is_reported(tmp_path):
    status = load_embedder(str(tmp_path / "no-such-model"))
    assert not status.ok and "不存在" in status.reason and "no-such-model" in status.reason


def test_broken_model_directory_is_reported(tmp_path):
    (tmp_path / "modules.json").write_text("{not json")
    (tmp_path / "config.json").write_text("[]")
    status = load_embedder(str(tmp_path))
    assert not status.ok and status.state == "error" and status.reason


@pytest.mark.parametrize("setting", [None, "", "   "])
def test_empty_setting_disables(setting):
    status = load_embedder(setting)
    assert not status.ok and status.state == "disabled" and status.embedder is None
    assert "未配置" in status.reason and "MATCHHUB_EMBEDDING_MODEL" in status.reason


def test_missing_package_disables(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    assert not enabled()
    status = load_embedder("BAAI/bge-small-zh-v1.5")
    assert not status.ok and status.state == "disabled"
    assert "sentence-transformers" in status.reason and "未安装" in status.reason


def test_hub_names_and_paths_are_told_apart():
    looks_like_path = embedder_module._looks_like_path
    assert not looks_like_path("BAAI/bge-small-zh-v1.5")
    assert looks_like_path("/opt/models/bge") and looks_like_path("./models/bge")
    assert looks_like_path(str(Path("~") / "models"))
