"""Responses read into hits and facets. The responses are written here in the shape the
Elasticsearch search API documents; they were not recorded from a live server."""

import pytest

from matchhub.search.backends.base import Hit
from matchhub.search.backends.elasticsearch import results
from matchhub.search.core.documents import int_key

SEARCH_RESPONSE = {
    "took": 3, "timed_out": False,
    "hits": {
        "total": {"value": 2, "relation": "eq"}, "max_score": 7.5,
        "hits": [
            {"_index": "matchhub_1a2b3c4d", "_id": "achievement:6", "_score": 7.5,
             "highlight": {"original.title": ["<mark>正</mark><mark>极</mark>材料烧结"]}},
            {"_index": "matchhub_1a2b3c4d", "_id": "achievement:1", "_score": 3.25},
        ],
    },
    "aggregations": {
        "field": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                  "buckets": [{"key": "new_energy", "doc_count": 2}]},
        "trl": {"buckets": [{"key": 6, "doc_count": 1}]},
    },
}


def test_hits_in_order_with_ranks():
    found = results.hits(SEARCH_RESPONSE, offset=20)
    assert found == [Hit("achievement", 6, 7.5, lexical_rank=21),
                     Hit("achievement", 1, 3.25, lexical_rank=22)]
    semantic = results.hits(SEARCH_RESPONSE, rank="semantic")
    assert semantic[0].semantic_rank == 1 and semantic[0].lexical_rank is None
    fused = results.hits(SEARCH_RESPONSE, rank=None)
    assert fused[0].semantic_rank is None and fused[0].lexical_rank is None


def test_sorted_hits_without_scores():
    response = {"hits": {"hits": [{"_id": "need:5", "_score": None, "sort": [740000]}]}}
    assert results.hits(response) == [Hit("need", 5, 0.0, lexical_rank=1)]


def test_totals():
    assert results.total(SEARCH_RESPONSE) == 2
    assert results.total({"hits": {"hits": []}}) is None  # track_total_hits false


def test_facets_only_those_asked_for_with_string_keys():
    facets = results.facets(SEARCH_RESPONSE, ("field", "trl", "modes"))
    assert facets == {"field": {"new_energy": 2}, "trl": {"6": 1}}


def test_highlights_by_key_and_field_with_adjacent_marks_merged():
    assert results.highlights(SEARCH_RESPONSE) == {
        "achievement:6": {"title": ["<mark>正极</mark>材料烧结"]}}


def test_ranked_keys_for_fusion():
    assert results.ranked_keys(SEARCH_RESPONSE) == [(int_key("achievement", 6), 7.5),
                                                    (int_key("achievement", 1), 3.25)]


def test_suggestions_from_the_terms_aggregation():
    response = {"hits": {"hits": []}, "aggregations": {"suggest": {"buckets": [
        {"key": "马铃薯脱毒种薯雾培快繁技术", "doc_count": 1}]}}}
    assert results.suggestions(response) == ["马铃薯脱毒种薯雾培快繁技术"]
    assert results.suggestions({"hits": {"hits": []}}) == []


def test_msearch_raises_on_a_failed_search():
    ok = {"hits": {"hits": []}, "status": 200}
    assert results.msearch_responses({"responses": [ok, ok]}) == [ok, ok]
    failed = {"error": {"type": "search_phase_execution_exception"}, "status": 400}
    with pytest.raises(results.SearchRequestError):
        results.msearch_responses({"responses": [ok, failed]})
