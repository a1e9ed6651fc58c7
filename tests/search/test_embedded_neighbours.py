"""Neighbour smoothing in the embedded backend's ranking (matchhub.search.core.neighbours)."""

import pytest

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from matchhub.search.core.documents import SearchDocument
from matchhub.search.core.query import SearchQuery, parse_user_text

SOLAR = "太阳能电池薄膜制备工艺与界面钝化，提高光电转换效率，电子传输层与空穴传输层优化。"
BODIES = [
    "钙钛矿" + SOLAR,
    "钙钛矿材料稳定性：" + SOLAR,
    # like the two above, without the keyword: only its character 钛 matches
    "有机无机杂化" + SOLAR + "二氧化钛",
    # unlike them, sharing characters of the keyword (钙, 矿)
    "矿物饲料中钙磷比例与钙含量对肉鸡生长的影响",
    "钙离子通道",
]


def backend_at(path, weight: float, pool: int = 100) -> EmbeddedSearchBackend:
    backend = EmbeddedSearchBackend({"PATH": str(path), "NEIGHBOUR_SMOOTHING": {
        "WEIGHT": weight, "POOL": pool, "SOURCES": 2, "NEIGHBOURS": 2}})
    backend.add_bulk(SearchDocument("achievement", i, {"body": body}, {}, [])
                     for i, body in enumerate(BODIES, start=1))
    return backend


def ranked(backend, text: str, offset: int = 0, limit: int = 10) -> list[int]:
    query = SearchQuery(parse_user_text(text), ("achievement",), offset=offset, limit=limit,
                        mode="lexical", with_total=False)
    return [hit.item_id for hit in backend.run(query).hits]


@pytest.fixture
def index_dir(fast_dir, request):
    return fast_dir / "neighbours" / request.node.name


def test_a_document_like_the_best_hits_rises_above_one_sharing_only_a_character(index_dir):
    plain = ranked(backend_at(index_dir / "plain", 0.0), "钙钛矿")
    smoothed = ranked(backend_at(index_dir / "smoothed", 0.6), "钙钛矿")
    assert plain[:2] == smoothed[:2] == [1, 2] or plain[:2] == smoothed[:2] == [2, 1]
    assert plain.index(3) > plain.index(4)  # without smoothing the feed paper is ahead
    assert smoothed.index(3) < smoothed.index(4)


def test_pages_continue_the_ranking_past_the_smoothed_pool(index_dir):
    backend = backend_at(index_dir, 0.6, pool=3)
    whole = ranked(backend, "钙钛矿")
    pages = [i for offset in range(0, 6, 2) for i in ranked(backend, "钙钛矿", offset, 2)]
    assert pages == whole
    assert len(set(whole)) == len(whole) == 5


def test_smoothing_reorders_but_never_adds_members(index_dir):
    """Documents 3 and 5 hold one of the keyword's six tokens, under min_should_match:
    smoothing lifts 3 in the ranking, yet the counted page still leaves both out."""
    backend = backend_at(index_dir, 0.6)
    page = backend.run(SearchQuery(parse_user_text("钙钛矿"), ("achievement",), mode="lexical"))
    assert page.total == 3
    assert sorted(hit.item_id for hit in page.hits) == [1, 2, 4]
