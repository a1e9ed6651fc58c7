"""The shared contract against a real Elasticsearch named by MATCHHUB_ES_URL (README
"Elasticsearch"); skipped without one. Each test gets its own alias and indices."""

import os
import uuid

import pytest

from matchhub.search.backends.elasticsearch import ElasticsearchSearchBackend
from tests.search.contract import BackendContract, doc, ids, query

ES_URL = os.environ.get("MATCHHUB_ES_URL", "")
pytestmark = pytest.mark.skipif(not ES_URL,
                                reason="MATCHHUB_ES_URL not set: no Elasticsearch server here")
pytest_plugins = ["tests.search.fake_embedder"]


def make_backend(**params):
    return ElasticsearchSearchBackend({"URL": ES_URL,
                                       "INDEX": f"matchhub_test_{uuid.uuid4().hex[:12]}",
                                       **params})


def drop(backend) -> None:
    for name in backend.live_indices()[0]:
        backend.client.options(ignore_status=404).indices.delete(index=name)


class TestElasticsearchBackend(BackendContract):
    @pytest.fixture
    def backend(self):
        backend = make_backend()
        yield backend
        drop(backend)

    @pytest.fixture
    def backend_with(self):
        made = []

        def make(**params):
            made.append(make_backend(**params))
            return made[-1]

        yield make
        for backend in made:
            drop(backend)

    def test_rebuild_swaps_the_alias_and_drops_the_old_index(self, loaded):
        old = loaded.live_indices()[0]
        rebuild = loaded.begin_rebuild()
        rebuild.add_bulk([doc(9, "新版索引中的唯一成果")])
        assert loaded.count() == 6  # live searches still see the old version
        rebuild.commit()
        loaded.refresh_indexes()
        assert loaded.count() == 1 and loaded.live_indices()[0] == [rebuild.index]
        assert not any(loaded.client.indices.exists(index=name) for name in old)

    def test_aborted_rebuild_leaves_the_live_index(self, loaded):
        rebuild = loaded.begin_rebuild()
        rebuild.add_bulk([doc(9, "不会上线")])
        rebuild.abort()
        assert loaded.count() == 6
        assert not loaded.client.indices.exists(index=rebuild.index)

    def test_indexed_checksums(self, loaded):
        from matchhub.search.core.documents import content_checksum
        from tests.search.contract import CATALOGUE

        expected = {(d.item_type, d.item_id): content_checksum(d) for d in CATALOGUE}
        assert loaded.indexed_checksums() == expected

    def test_highlights_mark_the_original_text(self, loaded):
        page = loaded.run(query("马铃薯"))
        assert "<mark>马铃薯</mark>" in page.highlights["achievement:3"]["title"][0]


QUERY = "涡轮叶片冷却"
SEMANTIC_TWIN = doc(10, QUERY, "")
LEXICAL = doc(11, "涡轮叶片检测机器人", "风电叶片表面缺陷巡检")
UNRELATED = doc(12, "茶叶加工工艺", "绿茶杀青")


class TestElasticsearchSemantic:
    @pytest.fixture
    def backend(self, fake_model):
        backend = make_backend(EMBEDDING_MODEL=fake_model, EMBEDDING_QUERY_PREFIX="",
                               SEMANTIC_CANDIDATES=2, SERVER_FUSION="client")
        backend.add_bulk([SEMANTIC_TWIN, LEXICAL, UNRELATED])
        backend.refresh_indexes()
        yield backend
        drop(backend)

    def test_semantic_mode_ranks_by_similarity(self, backend):
        page = backend.run(query(QUERY, mode="semantic"))
        assert ids(page)[0] == 10 and page.hits[0].semantic_rank == 1
        assert page.total == 2  # SEMANTIC_CANDIDATES

    def test_hybrid_fuses_both_lists_client_side(self, backend):
        page = backend.run(query(QUERY, mode="hybrid"))
        by_id = {hit.item_id: hit for hit in page.hits}
        assert ids(page)[0] == 10 and (by_id[10].lexical_rank, by_id[10].semantic_rank) == (1, 1)

    def test_filters_apply_to_the_knn_query(self, backend):
        from matchhub.search.core.query import Term

        page = backend.run(query(QUERY, mode="semantic", filters=[Term("field", "agriculture")]))
        assert page.total == 0

    def test_server_side_rrf_where_the_server_has_it(self, backend):
        backend.server_fusion = "auto"
        if not backend.server.has_rrf_retriever:
            pytest.skip("this server has no rrf retriever (8.16+ with an Enterprise licence)")
        assert ids(backend.run(query(QUERY, mode="hybrid")))[0] == 10
