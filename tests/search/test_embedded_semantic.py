"""Hybrid and semantic retrieval of the embedded backend, with the fake embedder."""

import pytest

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from matchhub.search.core.query import Term
from tests.search.contract import doc, ids, query

pytest_plugins = ["tests.search.fake_embedder"]

QUERY = "涡轮叶片冷却"
SEMANTIC_TWIN = doc(10, QUERY, "")  # same text as the query: cosine similarity 1
LEXICAL = doc(11, "涡轮叶片检测机器人", "风电叶片表面缺陷巡检")
UNRELATED = doc(12, "绿茶加工工艺", "绿茶杀青")  # no character of the query


@pytest.fixture
def backend(fast_dir, fake_model, request):
    path = fast_dir / "semantic" / request.node.name
    backend = EmbeddedSearchBackend({"PATH": str(path), "EMBEDDING_MODEL": fake_model,
                                     "EMBEDDING_QUERY_PREFIX": "", "SEMANTIC_CANDIDATES": 2})
    backend.add_bulk([SEMANTIC_TWIN, LEXICAL, UNRELATED])
    return backend


def test_status_reports_model_and_vectors(backend):
    backend.run(query(QUERY))  # the first query loads the model
    semantic = backend.status()["semantic"]
    assert semantic["state"] == "ready" and semantic["vectors"] == 3


def test_semantic_mode_ranks_by_similarity(backend):
    page = backend.run(query(QUERY, mode="semantic"))
    assert ids(page)[0] == 10
    assert page.hits[0].semantic_rank == 1 and page.hits[0].lexical_rank is None
    assert page.total == 2  # SEMANTIC_CANDIDATES


def test_hybrid_fuses_both_lists(backend):
    page = backend.run(query(QUERY, mode="hybrid"))
    by_id = {hit.item_id: hit for hit in page.hits}
    assert ids(page)[0] == 10
    assert (by_id[10].lexical_rank, by_id[10].semantic_rank) == (1, 1)
    assert by_id[11].lexical_rank == 2
    assert page.total == len(page.hits)  # the union of both lists, each counted once


def test_lexical_mode_ignores_vectors(backend):
    page = backend.run(query(QUERY, mode="lexical"))
    assert all(hit.semantic_rank is None for hit in page.hits)
    assert 10 in ids(page)  # it also shares the characters, as the same text


def test_filters_apply_to_semantic_candidates(backend):
    page = backend.run(query(QUERY, mode="semantic", filters=[Term("field", "agriculture")]))
    assert page.total == 0


def test_deleted_documents_leave_the_vector_store(backend):
    backend.delete("achievement", 10)
    page = backend.run(query(QUERY, mode="semantic"))
    assert 10 not in ids(page)
    assert backend.status()["semantic"]["vectors"] == 2


def test_without_a_model_search_is_lexical_and_says_why(fast_dir):
    backend = EmbeddedSearchBackend({"PATH": str(fast_dir / "no-model"),
                                     "EMBEDDING_MODEL": str(fast_dir / "missing-model")})
    backend.add_bulk([LEXICAL])
    page = backend.run(query("涡轮叶片检测"))
    assert ids(page) == [11]
    assert page.notes and "语义检索暂不可用" in page.notes[0]
    assert backend.status()["semantic"]["ok"] is False


def test_a_rebuild_carries_the_vectors_into_the_new_version(backend):
    rebuild = backend.begin_rebuild()
    rebuild.add_bulk([SEMANTIC_TWIN, UNRELATED])
    rebuild.commit()
    assert ids(backend.run(query(QUERY, mode="semantic")))[0] == 10
    assert backend.status()["semantic"]["vectors"] == 2
