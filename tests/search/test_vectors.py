"""VectorStore: exact and HNSW search, filters, deletes and crash-safe persistence."""

import json

import numpy as np
import pytest

from matchhub.search.backends.embedded import vectors as vectors_module
from matchhub.search.backends.embedded.vectors import HnswParams, VectorStore, VectorStoreError

DIM = 16
MODEL = "tiny-test-model"


def unit(rows: int, seed: int) -> np.ndarray:
    matrix = np.random.default_rng(seed).standard_normal((rows, DIM)).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def brute_force(keys, matrix, query, k, allowed=None):
    scores = matrix @ (query / np.linalg.norm(query))
    order = [i for i in np.argsort(-scores) if allowed is None or int(keys[i]) in allowed]
    return [(int(keys[i]), float(scores[i])) for i in order[:k]]


def filled_store(directory, rows=300, seed=1, **options):
    store = VectorStore(directory, DIM, MODEL, **options)
    keys = np.arange(1000, 1000 + rows, dtype=np.int64)
    matrix = unit(rows, seed)
    store.upsert(keys, matrix)
    return store, keys, matrix


def assert_same_hits(actual, expected):
    assert [key for key, _ in actual] == [key for key, _ in expected]
    np.testing.assert_allclose([s for _, s in actual], [s for _, s in expected], atol=1e-5)


def test_exact_search_matches_brute_force(tmp_path):
    store, keys, matrix = filled_store(tmp_path)
    assert len(store) == 300 and not store.uses_hnsw
    for query in unit(10, seed=2):
        assert_same_hits(store.search(query, 5), brute_force(keys, matrix, query, 5))


def test_search_normalises_queries_and_caps_k(tmp_path):
    store, keys, matrix = filled_store(tmp_path, rows=4)
    hits = store.search(3.0 * matrix[2], 10)
    assert len(hits) == 4 and hits[0][0] == keys[2] and hits[0][1] == pytest.approx(1.0)
    assert store.search(matrix[0], 0) == []
    assert VectorStore(tmp_path / "empty", DIM, MODEL).search(matrix[0], 3) == []


def test_upsert_replaces_existing_keys(tmp_path):
    store, keys, matrix = filled_store(tmp_path)
    replacement = unit(1, seed=9)
    store.upsert([keys[7]], replacement)
    assert len(store) == 300
    np.testing.assert_allclose(store.get(int(keys[7])), replacement[0], atol=1e-6)
    assert store.search(replacement[0], 1)[0][0] == keys[7]


def test_delete_hides_keys(tmp_path):
    store, keys, matrix = filled_store(tmp_path)
    assert store.delete([keys[3], keys[4], 999_999]) == 2
    assert len(store) == 298 and int(keys[3]) not in store
    hits = store.search(matrix[3], 300)
    assert len(hits) == 298 and int(keys[3]) not in {key for key, _ in hits}
    store.upsert([keys[3]], matrix[3:4])
    assert store.search(matrix[3], 1)[0][0] == keys[3]


def test_persistence_round_trip_compacts_deletes(tmp_path):
    store, keys, matrix = filled_store(tmp_path)
    store.delete(keys[:10])
    store.save()
    loaded = VectorStore.load(tmp_path, dim=DIM, model=MODEL)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["count"] == 290 and manifest["dim"] == DIM and manifest["model"] == MODEL
    assert sorted(loaded.keys().tolist()) == keys[10:].tolist()
    for query in unit(5, seed=3):
        assert_same_hits(loaded.search(query, 5), store.search(query, 5))


def test_open_starts_empty_then_loads(tmp_path):
    store = VectorStore.open(tmp_path, DIM, MODEL)
    assert len(store) == 0
    store.upsert([1, 2], unit(2, seed=4))
    store.save()
    assert sorted(VectorStore.open(tmp_path, DIM, MODEL).keys().tolist()) == [1, 2]


def test_repeated_saves_keep_one_generation(tmp_path):
    store, keys, _ = filled_store(tmp_path, rows=20)
    assert VectorStore.saved_generation(tmp_path) is None and store.generation == 0
    store.save()
    assert VectorStore.saved_generation(tmp_path) == 1 == store.generation
    store.delete(keys[:5])
    store.save()
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["keys.2.npy", "manifest.json", "vectors.2.npy"]
    assert len(VectorStore.load(tmp_path)) == 15


def test_a_fresh_store_saved_over_an_old_one_starts_a_new_generation(tmp_path):
    filled_store(tmp_path, rows=20)[0].save()
    replacement = VectorStore(tmp_path, DIM, MODEL)
    replacement.upsert([7], unit(1, seed=10))
    replacement.save()
    assert replacement.generation == 2
    assert VectorStore.load(tmp_path).keys().tolist() == [7]


def test_stale_files_of_an_interrupted_save_are_ignored(tmp_path):
    store, keys, matrix = filled_store(tmp_path, rows=20)
    store.save()
    (tmp_path / "keys.2.npy.tmp").write_bytes(b"half a file")
    (tmp_path / "vectors.2.npy").write_bytes(b"garbage")
    (tmp_path / "manifest.json.tmp").write_text("{")
    loaded = VectorStore.load(tmp_path, dim=DIM, model=MODEL)
    assert sorted(loaded.keys().tolist()) == keys.tolist()
    loaded.save()
    assert not any(path.name.endswith(".tmp") for path in tmp_path.iterdir())
    assert len(VectorStore.load(tmp_path)) == 20


def test_save_interrupted_before_the_manifest_keeps_the_old_store(tmp_path, monkeypatch):
    store, keys, _ = filled_store(tmp_path, rows=20)
    store.save()
    store.delete(keys[:10])

    def crash(path, data):
        raise OSError("power cut")

    monkeypatch.setattr(vectors_module, "_atomic_write", crash)
    with pytest.raises(OSError):
        store.save()
    assert len(VectorStore.load(tmp_path)) == 20


def test_wrong_dimension_is_refused(tmp_path):
    store, _, _ = filled_store(tmp_path, rows=5)
    with pytest.raises(VectorStoreError, match="dimension 16"):
        store.upsert([1], np.ones((1, DIM + 1), dtype=np.float32))
    with pytest.raises(VectorStoreError, match="dimension 16"):
        store.search(np.ones(DIM - 1), 3)
    store.save()
    with pytest.raises(VectorStoreError, match="dimension 16"):
        VectorStore.load(tmp_path, dim=DIM * 2, model=MODEL)


def test_store_of_another_model_is_refused(tmp_path):
    store, _, _ = filled_store(tmp_path, rows=5)
    store.save()
    with pytest.raises(VectorStoreError, match="built with model 'tiny-test-model'"):
        VectorStore.load(tmp_path, dim=DIM, model="BAAI/bge-small-zh-v1.5")
    with pytest.raises(VectorStoreError, match="rebuild"):
        VectorStore.open(tmp_path, DIM, "another-model")


def test_unknown_format_version_is_refused(tmp_path):
    store, _, _ = filled_store(tmp_path, rows=5)
    store.save()
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    manifest["format_version"] = 99
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(VectorStoreError, match="format 99"):
        VectorStore.load(tmp_path)


@pytest.mark.parametrize(
    ("keys", "message"),
    [([-1], "between 0"), ([1.5], "integers"), ([4, 4], "duplicate")],
)
def test_bad_keys_are_refused(tmp_path, keys, message):
    store = VectorStore(tmp_path, DIM, MODEL)
    with pytest.raises(VectorStoreError, match=message):
        store.upsert(keys, unit(len(keys), seed=5))


def test_non_finite_vectors_are_refused(tmp_path):
    vector = unit(1, seed=6)
    vector[0, 0] = np.nan
    with pytest.raises(VectorStoreError, match="NaN"):
        VectorStore(tmp_path, DIM, MODEL).upsert([1], vector)


def test_filtered_exact_search_returns_k_allowed(tmp_path):
    store, keys, matrix = filled_store(tmp_path)
    allowed = {int(key) for key in keys[::10]} | {123_456_789}
    for query in unit(5, seed=7):
        hits = store.search(query, 10, allowed_keys=allowed)
        assert len(hits) == 10 and {key for key, _ in hits} <= allowed
        assert_same_hits(hits, brute_force(keys, matrix, query, 10, allowed))
    assert store.search(matrix[0], 5, allowed_keys=set()) == []


def test_filtered_exact_search_over_most_of_the_store(tmp_path):
    store, keys, matrix = filled_store(tmp_path)
    store.delete(keys[1:3])
    allowed = {int(key) for key in keys[:200]}
    for query in unit(5, seed=8):
        hits = store.search(query, 10, allowed_keys=allowed)
        expected = brute_force(keys, matrix, query, 10, allowed - {int(keys[1]), int(keys[2])})
        assert_same_hits(hits, expected)


def hnsw_store(directory, rows=500):
    return filled_store(directory, rows=rows, seed=11, exact_threshold=50)


def recall_at_1(store, keys, matrix, queries):
    found = [store.search(query, 1)[0][0] == brute_force(keys, matrix, query, 1)[0][0]
             for query in queries]
    return sum(found) / len(found)


def test_no_graph_below_the_threshold(tmp_path):
    store, _, _ = filled_store(tmp_path, rows=20, exact_threshold=50)
    assert not store.build_index()
    store.save()
    assert store._index is None and not list(tmp_path.glob("*.usearch"))


def test_hnsw_search_finds_the_true_nearest_neighbour(tmp_path):
    store, keys, matrix = hnsw_store(tmp_path)
    assert store.uses_hnsw
    assert recall_at_1(store, keys, matrix, unit(100, seed=12)) >= 0.9
    assert store._index is not None and len(store._index) == 500


def test_hnsw_small_store_of_fifty(tmp_path):
    store, keys, matrix = filled_store(tmp_path, rows=50, seed=13, exact_threshold=50)
    assert store.uses_hnsw
    assert recall_at_1(store, keys, matrix, unit(100, seed=14)) >= 0.9


def test_hnsw_follows_upserts_and_deletes(tmp_path):
    store, keys, matrix = hnsw_store(tmp_path)
    store.search(matrix[0], 1)  # builds the graph
    store.delete([keys[0]])
    assert keys[0] not in {key for key, _ in store.search(matrix[0], 10)}
    fresh = unit(1, seed=15)
    store.upsert([42], fresh)
    store.upsert([keys[1]], fresh * -1)
    assert store.search(fresh[0], 1)[0][0] == 42
    assert store.search(-fresh[0], 1)[0][0] == keys[1]


def test_hnsw_index_is_persisted_and_reused(tmp_path):
    store, keys, matrix = hnsw_store(tmp_path)
    store.save()  # builds the graph before writing it
    assert (tmp_path / "index.1.usearch").is_file()
    queries = unit(20, seed=16)
    before = [store.search(query, 5) for query in queries]
    store.save()
    assert (tmp_path / "index.2.usearch").is_file()
    loaded = VectorStore.load(tmp_path, exact_threshold=50)
    assert loaded._index is not None
    for query, hits in zip(queries, before, strict=True):
        assert_same_hits(loaded.search(query, 5), hits)


def test_damaged_hnsw_file_is_rebuilt(tmp_path):
    store, keys, matrix = hnsw_store(tmp_path)
    store.search(matrix[0], 1)
    store.save()
    (tmp_path / "index.1.usearch").write_bytes(b"not a graph")
    loaded = VectorStore.load(tmp_path, exact_threshold=50)
    assert loaded.search(matrix[5], 1)[0][0] == keys[5]


def test_hnsw_filtered_search_returns_k_allowed(tmp_path):
    store, keys, matrix = filled_store(
        tmp_path, rows=1000, seed=17, exact_threshold=50, hnsw=HnswParams(expansion_search=32)
    )
    large = {int(key) for key in keys[::7]}  # 143 keys: above the threshold, over-fetched
    small = {int(key) for key in keys[:20:4]}  # 5 keys: searched exactly
    exact_top = 0
    for query in unit(10, seed=18):
        hits = store.search(query, 10, allowed_keys=large)
        assert len(hits) == 10 and {key for key, _ in hits} <= large
        exact_top += hits[0][0] == brute_force(keys, matrix, query, 1, large)[0][0]
        small_hits = store.search(query, 10, allowed_keys=small)
        assert_same_hits(small_hits, brute_force(keys, matrix, query, 10, small))
    # HNSW is approximate and its parallel build is not deterministic: allow one miss.
    assert exact_top >= 9
