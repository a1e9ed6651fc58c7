"""Pruning of very frequent query tokens in the Elasticsearch backend: the term vectors
request, its response read into shares (a response written here in the shape the term
vectors API documents; no server runs here), the cache, and the pruned text query."""

import pytest

from matchhub.search.backends.elasticsearch import ElasticsearchSearchBackend, frequencies
from matchhub.search.backends.elasticsearch.query import TextSettings, text_query
from matchhub.search.core.analysed import analyse
from matchhub.search.core.query import parse_user_text

TOKENS = ["镍", "钴", "镍钴", "报", "告", "报告"]


def field(doc_count, terms):
    return {"field_statistics": {"sum_doc_freq": 1000, "doc_count": doc_count, "sum_ttf": 2000},
            "terms": {term: {"doc_freq": df, "ttf": 2 * df, "term_freq": 1}
                      for term, df in terms.items()}}


TERMVECTORS_RESPONSE = {
    "_index": "matchhub_1a2b3c4d", "_version": 0, "found": True, "took": 1,
    "term_vectors": {
        "title": field(200, {"镍": 3, "钴": 3, "镍钴": 3, "报": 150, "告": 150, "报告": 150}),
        "body": field(180, {"镍": 2, "报": 170, "告": 170, "报告": 170,
                            "钴": 0}),  # doc_freq 0: no document holds it
        # keywords: few documents have any; its shares must not be taken over them
        "keywords": field(20, {"报告": 19}),
    },
}


def test_the_request_is_an_artificial_document_with_every_token_in_every_field():
    request = frequencies.termvectors_request(TOKENS, ("title", "body"))
    assert request["doc"] == {"title": "镍 钴 镍钴 报 告 报告", "body": "镍 钴 镍钴 报 告 报告"}
    assert request["fields"] == ["title", "body"]
    assert request["term_statistics"] is True and request["field_statistics"] is True
    assert not (request["positions"] or request["offsets"] or request["payloads"])


def test_shares_are_the_largest_over_the_fields_of_the_shards_documents():
    shares = frequencies.shares(TERMVECTORS_RESPONSE, TOKENS + ["锂"])
    assert shares["报"] == shares["告"] == shares["报告"] == 170 / 200
    assert shares["镍"] == shares["钴"] == shares["镍钴"] == 3 / 200
    assert shares["锂"] == 0.0  # absent from the response: no document holds it


def test_an_empty_shard_gives_zero_shares():
    assert frequencies.shares({"term_vectors": {}}, ["报"]) == {"报": 0.0}


def test_only_tokens_not_cached_are_fetched_and_entries_expire():
    now = [0.0]
    cache = frequencies.ShareCache(size=100, ttl=60.0, clock=lambda: now[0])
    asked = []

    def fetch(tokens):
        asked.append(list(tokens))
        return {"报": 0.9, "镍": 0.01}

    assert frequencies.token_shares(["报", "镍", "锂"], cache, "idx", fetch) == \
        {"报": 0.9, "镍": 0.01, "锂": 0.0}
    assert frequencies.token_shares(["镍", "报"], cache, "idx", fetch) == {"镍": 0.01, "报": 0.9}
    assert asked == [["报", "镍", "锂"]]  # the second query cost no request
    frequencies.token_shares(["报"], cache, "other", fetch)  # another index: its own entry
    now[0] = 61.0
    frequencies.token_shares(["报"], cache, "idx", fetch)
    assert asked == [["报", "镍", "锂"], ["报"], ["报"]]


def test_the_cache_is_bounded_least_recently_used_first():
    cache = frequencies.ShareCache(size=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3)
    assert len(cache) == 2 and cache.get("b") is None and cache.get("a") == 1


SETTINGS = TextSettings(boosts={"title": 3.0, "body": 1.0}, max_df_ratio=0.5)
SHARES = {"镍": 0.015, "钴": 0.015, "镍钴": 0.015, "报": 0.85, "告": 0.85, "报告": 0.85}


def should_tokens(query):
    should = query["bool"]["must"][0]["bool"]
    return [c["multi_match"]["query"] for c in should["should"]], \
        should["minimum_should_match"]


def test_frequent_tokens_neither_rank_nor_count_towards_the_match():
    parsed = parse_user_text("镍钴 报告")
    assert sorted(should_tokens(text_query(parsed, SETTINGS))[0]) == sorted(TOKENS)
    tokens, needed = should_tokens(text_query(parsed, SETTINGS, doc_share=SHARES.get))
    assert sorted(tokens) == ["钴", "镍", "镍钴"] and needed == 1


def test_a_query_of_frequent_tokens_only_keeps_them():
    parsed = parse_user_text("报告")
    tokens, _ = should_tokens(text_query(parsed, SETTINGS, doc_share=SHARES.get))
    assert sorted(tokens) == sorted(["报", "报告", "告"])


def test_the_backend_prunes_from_its_cache_without_a_request():
    """The cache warm (as after earlier queries), the backend builds the pruned query and
    sends nothing: its URL is a closed port, so any request would raise."""
    backend = ElasticsearchSearchBackend({"URL": "http://127.0.0.1:9", "TIMEOUT": 1,
                                          "MAX_DF_RATIO": 0.5, "PRUNE_FROM_DOCUMENTS": 10})
    backend._frequencies.put((backend.alias, "count"), 20)
    for token, share in SHARES.items():
        backend._frequencies.put((backend.alias, "share", token), share)
    parsed = parse_user_text("镍钴 报告")
    tokens, needed = should_tokens(backend._text_query(parsed))
    assert sorted(tokens) == ["钴", "镍", "镍钴"] and needed == 1
    backend._frequencies.put((backend.alias, "count"), 9)  # a small index: no pruning
    assert sorted(should_tokens(backend._text_query(parsed))[0]) == sorted(TOKENS)
    assert backend._client is None  # never connected


def test_pruning_off_needs_no_frequencies():
    backend = ElasticsearchSearchBackend({"URL": "http://127.0.0.1:9", "MAX_DF_RATIO": 1.0})
    parsed = parse_user_text("镍钴 报告")
    assert backend._token_shares([t.token for t in analyse(parsed).tokens]) is None
    assert backend._client is None


@pytest.mark.parametrize("text", ["镍钴 报告", "报告"])
def test_the_analysed_query_given_is_not_changed(text):
    parsed = parse_user_text(text)
    analysed = analyse(parsed)
    before = list(analysed.tokens)
    text_query(parsed, SETTINGS, analysed, SHARES.get)
    assert analysed.tokens == before
