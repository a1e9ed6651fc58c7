"""Bulk loads on analysis workers: the same index as one process, replacing by key."""

import pytest

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from tests.search.contract import doc, ids, query

BULK = 1200  # above the size from which add_bulk forks its workers


@pytest.fixture
def backend(fast_dir, request):
    return EmbeddedSearchBackend({"PATH": str(fast_dir / "bulk" / request.node.name)})


def catalogue(titles=("锂离子电池", "压电陶瓷", "光伏组件")):
    return [doc(i, f"{titles[i % len(titles)]}研究{i}") for i in range(1, BULK + 1)]


def test_workers_index_what_one_process_indexes(backend, fast_dir):
    single = EmbeddedSearchBackend({"PATH": str(fast_dir / "bulk" / "single")})
    single.add_bulk(catalogue(), workers=1)
    backend.add_bulk(catalogue(), workers=2)
    assert backend.count() == single.count() == BULK
    for text in ("锂离子电池", "压电 陶瓷 研究7"):
        wanted = query(text, limit=BULK)  # all matches: equal scores may come in any order
        assert sorted(ids(backend.run(wanted))) == sorted(ids(single.run(wanted)))
        assert backend.run(wanted).hits


def test_bulk_load_into_a_loaded_index_replaces_by_key(backend):
    backend.add_bulk(catalogue(), workers=2)
    backend.add_bulk(catalogue(titles=("超导材料",)), workers=2)
    assert backend.count() == BULK
    assert ids(backend.run(query("锂离子电池"))) == []


def test_a_key_twice_in_a_first_load_keeps_the_last(backend):
    documents = catalogue() + [doc(1, "超导材料")]
    backend.add_bulk(documents, workers=2)
    assert backend.count() == BULK
    assert ids(backend.run(query("超导材料"))) == [1]


def test_a_small_batch_with_many_workers(backend):
    backend.add_bulk([doc(1, "超导材料")], workers=3)  # one writer thread for a small batch
    backend.add_bulk([], workers=3)
    assert backend.count() == 1
