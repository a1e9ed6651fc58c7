"""Top hits filtered by item type alone: where the types hold most of the index the
ranking query runs unfiltered and the other types' hits are dropped (block-max WAND keeps
its pruning); the hits must be those of the filtered query, also when too few of the
unfiltered top hits are of the wanted type."""

import pytest

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from matchhub.search.backends.embedded import backend as embedded
from matchhub.search.core.query import Term
from tests.search.contract import doc, query

PLAIN = {"NEIGHBOUR_SMOOTHING": {"WEIGHT": 0.0}}


@pytest.fixture
def mostly_achievements(fast_dir):
    """40 achievements without the query's words, 3 that mention them once, and 12 needs
    that are all about them: achievements hold 78 % of the index, the best hits are needs."""
    docs = [doc(n, f"饲料配方改良{n}", "肉鸡生长性能试验") for n in range(1, 41)]
    docs += [doc(40 + n, f"电池回收工艺{n}", "镍钴") for n in range(1, 4)]
    docs += [doc(n, "镍钴分离提纯", "镍钴湿法冶金镍钴萃取", item_type="need")
             for n in range(1, 13)]
    backend = EmbeddedSearchBackend({"PATH": str(fast_dir / "types"), **PLAIN})
    backend.add_bulk(docs)
    backend.refresh_indexes()
    return backend


def ids(page):
    return [(h.item_type, h.item_id) for h in page.hits]


def filtered_only(monkeypatch, backend, q):
    with monkeypatch.context() as patched:
        patched.setattr(embedded, "UNFILTERED_TYPE_SHARE", 2.0)  # never skip the filter
        return ids(backend.run(q))


def test_too_few_of_the_type_among_unfiltered_hits_runs_the_filtered_query(
        mostly_achievements, monkeypatch):
    # limit 2: 13 unfiltered hits are fetched, 12 of them needs: the filtered query runs
    q = query("镍钴", limit=2, mode="lexical", with_total=False)
    assert ids(mostly_achievements.run(q)) == filtered_only(monkeypatch, mostly_achievements, q)
    assert len(mostly_achievements.run(q).hits) == 2


@pytest.mark.parametrize("with_total", [False, True], ids=["top", "page"])
@pytest.mark.parametrize("limit", [1, 3, 10])
def test_the_unfiltered_shortcut_returns_the_filtered_hits(mostly_achievements, monkeypatch,
                                                           limit, with_total):
    for types in (("achievement",), ("need",), ("achievement", "need")):
        q = query("镍钴 电池", item_types=types, limit=limit, mode="lexical",
                  with_total=with_total)
        got = ids(mostly_achievements.run(q))
        assert got == filtered_only(monkeypatch, mostly_achievements, q)
        assert {t for t, _ in got} <= set(types)


def test_other_filters_keep_the_filtered_query(mostly_achievements):
    q = query("镍钴", limit=5, mode="lexical", filters=[Term("field", "agriculture")])
    assert mostly_achievements.run(q).hits == []
