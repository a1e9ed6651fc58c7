"""Request bodies built offline from neutral queries. These check what we send, not what
a server does with it: no Elasticsearch runs here."""

import dataclasses
import datetime as dt
import json

import pytest

from matchhub.search.backends.elasticsearch import bodies
from matchhub.search.backends.elasticsearch.filters import (
    filter_clause,
    filter_clauses,
    sort_clause,
)
from matchhub.search.backends.elasticsearch.query import (
    TextSettings,
    boosted_fields,
    highlight_request,
    phrase_clause,
    ranking_query,
    text_query,
)
from matchhub.search.core import analysis
from matchhub.search.core.analysed import analyse
from matchhub.search.core.membership import MembershipRule
from matchhub.search.core.query import AnyOf, Range, SearchQuery, Term, parse_user_text

SETTINGS = TextSettings(boosts={"title": 3.0, "keywords": 2.0, "body": 1.0, "org": 0.5})
HOSTILE = 'title:电池 AND (正极 OR "材料") body:* \\ / {"query_string": 1} -烧结 锂*'


def query(text="", **kwargs):
    return SearchQuery(parse_user_text(text), ("achievement",), **kwargs)


def leaves(node, key):
    """Every value stored under ``key`` anywhere in a JSON-like tree."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            yield from leaves(v, key)
    elif isinstance(node, list):
        for item in node:
            yield from leaves(item, key)


def test_filters_become_scoreless_bool_filter_clauses():
    clauses = filter_clauses(query(filters=[Term("field", "new_energy"),
                                            Range("trl", 6, None)]))
    assert clauses == [{"terms": {"item_type": ["achievement"]}},
                       {"term": {"field": "new_energy"}},
                       {"range": {"trl": {"gte": 6}}}]
    body = bodies.lexical_body(query("电池"), text_query(parse_user_text("电池"), SETTINGS),
                               clauses)
    assert body["query"]["bool"]["filter"] == clauses


def test_filter_values_are_converted_to_index_units():
    assert filter_clause(Range("price", None, 400_000)) == \
        {"range": {"price": {"lte": 40_000_000}}}
    day = dt.date(2028, 1, 1)
    assert filter_clause(Range("end_date", lower=day)) == \
        {"range": {"end_date": {"gte": day.toordinal()}}}
    assert filter_clause(Term("price_negotiable", True)) == {"term": {"price_negotiable": 1}}
    assert filter_clause(AnyOf("region", ("621100", "620900"))) == \
        {"terms": {"region": ["621100", "620900"]}}


def test_degenerate_filters():
    assert filter_clause(AnyOf("region", ())) == {"match_none": {}}
    assert filter_clause(Range("trl")) == {"match_all": {}}
    with pytest.raises(ValueError):
        filter_clause(Term("no_such_field", 1))


def test_user_text_never_reaches_a_query_string():
    parsed = parse_user_text(HOSTILE)
    body = bodies.lexical_body(query(HOSTILE), text_query(parsed, SETTINGS),
                               filter_clauses(query(HOSTILE)),
                               highlight_request(parsed, ("title", "body")))
    assert "query_string" not in json.dumps(body, ensure_ascii=False)  # nor simple_…
    sent = [value for value in leaves(body, "query") if isinstance(value, str)]
    assert sent and not any(ch in value for value in sent for ch in ':()"\\*{}')


def test_match_queries_carry_only_pre_analysed_tokens():
    parsed = parse_user_text("锂电池 正极")
    tokens = {t.token for t in analyse(parsed).tokens}
    clauses = text_query(parsed, SETTINGS)["bool"]["must"][0]["bool"]["should"]
    sent = [c["multi_match"]["query"] for c in clauses]
    assert sorted(sent) == sorted(tokens)
    assert all(" " not in token for token in sent)
    assert "锂离子" in sent  # a jieba word of the synonym 锂离子电池 (synonyms.txt)


def test_token_weights_and_min_should_match():
    parsed = parse_user_text("马铃薯 脱毒")
    analysed = analyse(parsed)
    disjunction = text_query(parsed, SETTINGS)["bool"]["must"][0]["bool"]
    assert disjunction["minimum_should_match"] == analysed.min_should_match(0.2)
    first = disjunction["should"][0]["multi_match"]
    assert first["type"] == "most_fields"
    assert first["fields"] == ["title^3", "keywords^2", "body", "org^0.5"]


def test_phrases_must_and_exclusions_must_not():
    parsed = parse_user_text('"正极材料" -烧结')
    bool_query = text_query(parsed, SETTINGS)["bool"]
    phrase = bool_query["must"][1]["multi_match"]
    assert phrase["type"] == "phrase"
    assert phrase["query"] == "正 正极 极 极材 材 材料 料"
    assert bool_query["must_not"][0]["multi_match"]["query"] == "烧 烧结 结"


def test_phrase_tokens_are_a_run_of_the_indexed_tokens():
    indexed = analysis.mixed_text("高比能锂离子电池正极材料")
    assert phrase_clause("正极材料", ["title"])["multi_match"]["query"] in indexed
    assert phrase_clause("材料正极", ["title"])["multi_match"]["query"] not in indexed


def test_empty_text_matches_all_but_exclusions():
    assert text_query(parse_user_text(""), SETTINGS) == {"bool": {"must": [{"match_all": {}}]}}
    excluded = text_query(parse_user_text("-烧结"), SETTINGS)["bool"]
    assert excluded["must"] == [{"match_all": {}}] and excluded["must_not"]


def test_ik_clause_only_when_enabled():
    parsed = parse_user_text("锂电池")
    assert "should" not in text_query(parsed, SETTINGS)["bool"]
    settings = TextSettings(boosts={"title": 3.0}, ik_boost=0.5)
    ik = text_query(parsed, settings)["bool"]["should"][0]["multi_match"]
    assert ik["fields"] == ["original.title.ik^3"] and ik["boost"] == 0.5
    assert ik["query"] == " ".join(analysis.words("锂电池"))


def test_boosted_fields():
    assert boosted_fields({"title": 3.0, "body": 1.0, "org": 0.5}) == \
        ["title^3", "body", "org^0.5"]


def test_sorts():
    assert sort_clause(query("电池")) is None
    assert sort_clause(query("")) == [{"published": {"order": "desc"}},
                                      {"key": {"order": "asc"}}]
    assert sort_clause(query("电池", sort="price_asc"))[0] == {"price": {"order": "asc"}}


def test_lexical_body_pages_counts_and_facets():
    body = bodies.lexical_body(query("", offset=20, limit=10, facets=("field",),
                                     with_total=False),
                               {"match_all": {}}, [])
    assert (body["from"], body["size"], body["track_total_hits"]) == (20, 10, False)
    assert body["aggs"] == {"field": {"terms": {"field": "field", "size": 50}}}
    assert body["_source"] is False


def test_highlight_marks_query_words_in_the_original_text():
    request = highlight_request(parse_user_text("锂电池"), ("title",))
    assert request["encoder"] == "html"
    phrases = [c["match_phrase"]["original.title"]
               for c in request["highlight_query"]["bool"]["should"]]
    assert "锂离子" in phrases  # words of synonyms are highlighted too
    assert highlight_request(parse_user_text(""), ("title",)) is None


def test_knn_is_filtered_like_the_query():
    filters = filter_clauses(query(filters=[Term("field", "agriculture")]))
    knn = bodies.knn_clause([1, 0.5], 100, filters, 50)
    assert knn == {"field": "embedding", "query_vector": [1.0, 0.5], "k": 100,
                   "num_candidates": 100, "filter": filters}
    assert bodies.knn_clause([0.0], 5, [], 50_000)["num_candidates"] == 10_000


def test_hybrid_msearch_asks_for_candidates_and_the_union():
    q = query("电池", facets=("field",))
    knn = bodies.knn_clause([0.1], 100, [], 200)
    lexical, semantic, union = bodies.hybrid_searches(q, {"match_all": {}}, [], knn, 200)
    assert lexical["size"] == 200 and "knn" not in lexical
    assert semantic["knn"] == knn and semantic["size"] == 100
    assert union["query"] == lexical["query"] and "knn" not in union  # lexical matches
    assert union["size"] == 0 and union["track_total_hits"] and union["aggs"]
    cut = bodies.hybrid_searches(q, {"match_all": {}}, [], knn, 200, min_score=2.5)
    assert cut[0]["min_score"] == cut[2]["min_score"] == 2.5 and "min_score" not in cut[1]
    lines = bodies.msearch_lines([lexical, semantic])
    assert lines == [{}, lexical, {}, semantic]


def test_server_rrf_retriever_body():
    q = query("电池", offset=0, limit=20)
    knn = bodies.knn_clause([0.1], 100, [], 200)
    body = bodies.rrf_body(q, {"match_all": {}}, [{"term": {"field": "x"}}], knn, 200, 60)
    rrf = body["retriever"]["rrf"]
    assert rrf["rank_window_size"] == 200 and rrf["rank_constant"] == 60
    standard, nearest = rrf["retrievers"]
    assert standard["standard"]["query"]["bool"]["filter"] == [{"term": {"field": "x"}}]
    assert nearest == {"knn": knn}
    assert "query" not in body and body["size"] == 20


def test_suggest_body_escapes_the_prefix_for_lucene_regexp():
    body = bodies.suggest_body("c++ 5.0", ["achievement"], 8)
    terms = body["aggs"]["suggest"]["terms"]
    assert terms["include"] == "c\\+\\+\\ 5\\.0.*"
    assert body["query"]["bool"]["filter"][1] == {"prefix": {"suggest": "c++ 5.0"}}
    assert bodies.lucene_regex_escape("马铃") == "马铃"


def test_long_queries_keep_the_heaviest_tokens_in_order():
    from matchhub.search.backends.elasticsearch.query import capped
    from matchhub.search.core.analysed import WeightedToken

    tokens = [WeightedToken("a", 1.0), WeightedToken("b", 2.0), WeightedToken("c", 1.0),
              WeightedToken("d", 3.0)]
    assert [t.token for t in capped(tokens, 2)] == ["b", "d"]
    assert capped(tokens, 10) == tokens
    long_text = "".join(chr(0x4E00 + i * 7) for i in range(199))
    disjunction = text_query(parse_user_text(long_text), SETTINGS)["bool"]["must"][0]["bool"]
    assert len(disjunction["should"]) <= 256


def test_relative_membership_ranks_by_any_token_and_gates_by_the_either_rule():
    relative = dataclasses.replace(SETTINGS, rule=MembershipRule(
        "relative", min_should_match=0.5, word_match=0.34))
    parsed = parse_user_text("锂电池正极材料 -烧结")
    gate = text_query(parsed, relative)["bool"]
    assert gate["filter"] and gate["must_not"]  # the "either" rule, exclusions kept
    ranking = ranking_query(parsed, relative)["bool"]
    assert "filter" not in ranking and ranking["must_not"] == gate["must_not"]
    assert ranking["must"][0]["bool"]["minimum_should_match"] == 1
