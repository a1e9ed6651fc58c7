"""Neighbour smoothing of Elasticsearch rankings, over responses written here in the shape
the search API documents (not recorded from a server: none runs here), and the requests
that fetch them."""

import base64

from matchhub.search.backends.elasticsearch import ElasticsearchSearchBackend, bodies, results
from matchhub.search.backends.elasticsearch.filters import filter_clauses
from matchhub.search.backends.elasticsearch.query import highlight_request, text_query
from matchhub.search.core.neighbours import NeighbourSmoothing, encode_profile
from matchhub.search.core.query import SearchQuery, parse_user_text

SOLAR = ["钙钛矿", "薄膜", "光电", "转换", "效率"]
# As in tests/search/test_neighbours.py: the third hit shares nothing with the two best,
# the fourth is like them, so smoothing lifts the fourth above the third.
PROFILES = [SOLAR + ["界面"], SOLAR + ["钝化"], ["饲料", "肉鸡", "生长"], SOLAR + ["电子"],
            ["茶叶", "杀青"]]
SCORES = [10.0, 9.0, 6.0, 5.5, 1.0]
SETTINGS = NeighbourSmoothing(weight=0.6, pool=4, sources=2, neighbours=2)


def raw_hit(number, score, profile):
    encoded = base64.b64encode(encode_profile(profile)).decode("ascii")
    return {"_index": "matchhub_1a2b3c4d", "_id": f"achievement:{number}", "_score": score,
            "_source": {"profile": encoded},
            "highlight": {"original.title": [f"<mark>钙钛矿</mark>{number}"]}}


RESPONSE = {
    "took": 4, "timed_out": False,
    "hits": {"total": {"value": 5, "relation": "eq"}, "max_score": 10.0,
             "hits": [raw_hit(n, s, p) for n, (s, p) in enumerate(zip(SCORES, PROFILES,
                                                                         strict=True), 1)]},
    "aggregations": {"field": {"buckets": [{"key": "new_energy", "doc_count": 5}]}},
}


def ids(response):
    return [hit.item_id for hit in results.hits(response)]


def query(text="钙钛矿", **kwargs):
    return SearchQuery(parse_user_text(text), ("achievement",), **kwargs)


def test_smoothing_lifts_a_hit_like_the_best_ones_above_an_unlike_one():
    assert ids(RESPONSE) == [1, 2, 3, 4, 5]
    page = results.smoothed_page(RESPONSE, 0, 10, SETTINGS)
    assert ids(page) == [1, 2, 4, 3, 5]  # the plain order fails this
    scores = [hit.score for hit in results.hits(page)]
    assert scores[3] == 6.0  # nothing like hit 3 among the sources: its score stays
    assert scores[4] == 1.0  # past the pool: untouched


def test_the_page_is_cut_from_the_smoothed_ranking_with_its_own_highlights():
    page = results.smoothed_page(RESPONSE, 2, 2, SETTINGS)
    assert ids(page) == [4, 3]
    assert [h.lexical_rank for h in results.hits(page, offset=2)] == [3, 4]
    assert set(results.highlights(page)) == {"achievement:4", "achievement:3"}
    assert results.total(page) == 5
    assert results.facets(page, ("field",)) == {"field": {"new_energy": 5}}


def test_without_weight_the_ranking_is_the_servers():
    off = NeighbourSmoothing(weight=0.0)
    assert ids(results.smoothed_page(RESPONSE, 0, 10, off)) == [1, 2, 3, 4, 5]
    assert ids(results.smoothed_page(RESPONSE, 1, 2, off)) == [2, 3]


def test_hits_without_a_profile_keep_their_score():
    bare = {"hits": {"hits": [{"_id": "achievement:1", "_score": 3.0},
                              {"_id": "achievement:2", "_score": 2.0}]}}
    page = results.smoothed_page(bare, 0, 2, SETTINGS)
    assert [(h.item_id, h.score) for h in results.hits(page)] == [(1, 3.0), (2, 2.0)]


def test_the_window_covers_the_pool_and_the_page():
    on = NeighbourSmoothing(pool=100)
    assert bodies.smoothing_window(query(limit=10), on) == 100
    assert bodies.smoothing_window(query(offset=95, limit=10), on) == 105
    assert bodies.smoothing_window(query(offset=100, limit=10), on) is None  # past the pool
    assert bodies.smoothing_window(query(sort="newest"), on) is None
    assert bodies.smoothing_window(query(""), on) is None  # browsing: newest first
    assert bodies.smoothing_window(query(), NeighbourSmoothing(weight=0.0)) is None


def backend(**params):
    return ElasticsearchSearchBackend({"URL": "http://127.0.0.1:9", **params})


def test_a_smoothed_page_fetches_the_pool_with_profiles_only():
    es = backend(NEIGHBOUR_SMOOTHING={"WEIGHT": 0.6, "POOL": 50})
    wanted = query(offset=10, limit=10)
    text = text_query(wanted.text, es.text)
    body, window = es._lexical_request(wanted, text)
    assert window == 50
    assert (body["from"], body["size"], body["_source"]) == (0, 50, ["profile"])
    assert body["highlight"] and body["query"]["bool"]["must"] == [text]


def test_without_weight_the_request_is_the_plain_page():
    es = backend(NEIGHBOUR_SMOOTHING={"WEIGHT": 0})
    wanted = query(offset=10, limit=10)
    text = text_query(wanted.text, es.text)
    body, window = es._lexical_request(wanted, text)
    assert window is None
    assert body == bodies.lexical_body(wanted, text, filter_clauses(wanted),
                                       highlight_request(wanted.text, tuple(es.text.boosts)))
    assert (body["from"], body["size"], body["_source"]) == (10, 10, False)


def test_hybrid_lexical_candidates_carry_profiles_when_smoothing():
    wanted = query(limit=10)
    text = text_query(wanted.text, backend().text)
    knn = bodies.knn_clause([0.0, 1.0], 20, [], 100)
    plain = bodies.hybrid_searches(wanted, text, [], knn, 60)
    assert plain == bodies.hybrid_searches(wanted, text, [], knn, 60,
                                           NeighbourSmoothing(weight=0.0))
    assert (plain[0]["size"], plain[0]["_source"]) == (60, False)
    smoothed = bodies.hybrid_searches(wanted, text, [], knn, 60, NeighbourSmoothing(pool=100))
    assert (smoothed[0]["size"], smoothed[0]["_source"]) == (100, ["profile"])
    assert smoothed[1:] == plain[1:]
