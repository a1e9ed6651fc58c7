"""What counts as a match in the embedded backend, and that the fast paths agree with it:
the ranked page keeps exactly the members, the total rides along with the facets."""

import random
from dataclasses import replace

import pytest

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from tests.search.contract import doc, query

PRUNING = {"PRUNE_FROM_DOCUMENTS": 10, "MAX_DF_RATIO": 0.5}


def backend_at(path, **params):
    return EmbeddedSearchBackend({"PATH": str(path), **params})


@pytest.fixture
def common_word(fast_dir):
    """20 documents that all say 研究; three of them are about 镍钴."""
    docs = [doc(n, f"材料研究报告{n}", "本项研究" + ("镍钴分离" if n <= 3 else "工艺改进"))
            for n in range(1, 21)]

    def build(name, **params):
        backend = backend_at(fast_dir / name, **params)
        backend.add_bulk(docs)
        backend.refresh_indexes()
        return backend
    return build


def test_a_word_in_most_documents_does_not_make_them_match(common_word):
    page = common_word("pruned", **PRUNING).run(query("镍钴 研究", facets=("field",)))
    assert sorted(h.item_id for h in page.hits) == [1, 2, 3]
    assert page.total == 3
    assert page.facets["field"] == {"new_energy": 3}


def test_small_indexes_count_every_token(common_word):
    # Below PRUNE_FROM_DOCUMENTS nothing is left out: 报告 alone reaches the requirement
    # (研究 would not: a generic word on its own is no topic, understanding.topic).
    page = common_word("unpruned", PRUNE_FROM_DOCUMENTS=1000).run(query("镍钴 报告"))
    assert page.total == 20
    assert {h.item_id for h in page.hits[:3]} == {1, 2, 3}  # the 镍钴 documents rank first


ALPHABET = "锂镍钴锰铁磷电池正负极材料光伏风电储能氢燃料"


@pytest.mark.parametrize("params", [{}, PRUNING], ids=["all-tokens", "pruned"])
def test_ranked_page_is_the_best_members(fast_dir, params):
    """The page (ranked by the plain-OR query, then checked for membership by counting
    matched tokens) equals ranking the min-should-match query itself (neighbour smoothing,
    which re-orders the top, and the two-stage ranking are off here)."""
    rng = random.Random(3)
    docs = [doc(n, "".join(rng.choices(ALPHABET, k=6)), "".join(rng.choices(ALPHABET, k=20)))
            for n in range(1, 121)]
    backend = backend_at(fast_dir / "random", MIN_SHOULD_MATCH=0.6, CANDIDATE_DF_RATIO=1.0,
                         NEIGHBOUR_SMOOTHING={"WEIGHT": 0.0}, **params)
    backend.add_bulk(docs)
    backend.refresh_indexes()
    searcher = backend.store.searcher()
    for _ in range(25):
        q = query(" ".join("".join(rng.choices(ALPHABET, k=3)) for _ in range(2)),
                  limit=5, facets=("field",))
        page = backend.run(q)
        members = searcher.search(backend.build_query(q), limit=200, count=True)
        member_keys = set(backend._keys(searcher, [a for _, a in members.hits]))
        assert page.total == members.count
        assert page.facets.get("field", {}).get("new_energy", 0) == members.count
        assert {f"achievement:{h.item_id}" for h in page.hits} <= member_keys
        best = sorted((score for score, _ in members.hits), reverse=True)[:5]
        assert [h.score for h in page.hits] == pytest.approx(best, rel=1e-4)


def test_two_stage_ranking_scores_candidates_exactly(fast_dir):
    """With a first stage over the rarer tokens, the hits carry the whole ranking query's
    own scores, best first, and are the single-stage hits wherever the first stage found
    them."""
    rng = random.Random(5)
    docs = [doc(n, "".join(rng.choices(ALPHABET, k=6)), "".join(rng.choices(ALPHABET, k=20)))
            for n in range(1, 201)]
    common = {"PRUNE_FROM_DOCUMENTS": 10, "MAX_DF_RATIO": 0.5,
              "NEIGHBOUR_SMOOTHING": {"WEIGHT": 0.0}}
    one = backend_at(fast_dir / "one", CANDIDATE_DF_RATIO=1.0, **common)
    two = backend_at(fast_dir / "two", CANDIDATE_DF_RATIO=0.1, **common)
    for backend in (one, two):
        backend.add_bulk(docs)
        backend.refresh_indexes()
    staged = 0
    for _ in range(25):
        q = query(" ".join("".join(rng.choices(ALPHABET, k=3)) for _ in range(2)), limit=10,
                  with_total=False)
        staged += two._plan(q).candidates is not None
        exact = {h.item_id: h.score for h in one.run(replace(q, limit=200)).hits}
        hits = two.run(q).hits
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert [h.score for h in hits] == pytest.approx([exact[h.item_id] for h in hits],
                                                         rel=1e-4)
    assert staged > 10  # the first stage did run


def test_generic_words_alone_match_nothing(common_word):
    page = common_word("generic").run(query("有没有研究方面的技术"))
    assert page.total == 0
