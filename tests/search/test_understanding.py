"""matchhub.search.core.understanding and the reasons built on it: a question in a
person's own words ranks and matches by its topic words, and every reason names one."""

import pytest

pytest.importorskip("jieba")

from matchhub.search.core import analysis, explain, understanding  # noqa: E402
from matchhub.search.core.analysed import analyse  # noqa: E402
from matchhub.search.core.query import parse_user_text  # noqa: E402

ORCHARD = "想用无人机给果园打药，有没有成熟的方案"
FACTORY = "我们厂的污水含重金属，想找低成本的处理技术"


def test_filler_neither_ranks_nor_matches():
    found = understanding.topic(analysis.normalise(ORCHARD))
    assert found.words == ("无人机", "果园", "打药")
    assert found.keywords == ("无人机", "果园打药")
    tokens = {t.token for t in analyse(parse_user_text(ORCHARD)).tokens}
    assert "无人机" in tokens and "果园" in tokens
    assert not tokens & {"想", "想用", "有没", "没有", "成熟", "方案", "的成"}


def test_generic_topic_words_do_not_decide_membership():
    words = understanding.topic(analysis.normalise(FACTORY)).words
    assert "污水" in words and "重金属" in words
    assert understanding.specific_words(words) == ["污水", "重金属"]


def test_a_query_of_filler_only_is_topicless():
    query = analyse(parse_user_text("请问有没有方案"))
    assert query.topicless and query.tokens  # nearest results still rank


def test_bare_keywords_keep_their_words():
    found = understanding.topic(analysis.normalise("修正Rodrigues参数模型 平方和优化"))
    assert found.keywords == ("修正rodrigues参数模型", "平方和优化")


TEXTS = {"title": "果园植保无人机精准施药技术",
         "body": "针对山地果园打药难的问题，研究了无人机施药的雾滴沉积规律。"
                 "方案成熟，技术研究方法可靠。"}


def test_reasons_name_whole_topic_words_at_most_three():
    terms = explain.query_terms(parse_user_text(ORCHARD))
    reasons, snippets = explain.explained(terms, TEXTS)
    assert [r.term for r in reasons] == ["无人机", "果园", "果园打药"]  # title first; no 打药
    assert reasons[0].field == "title"  # strongest first
    assert len(reasons) <= explain.MAX_CHIPS
    assert "<mark>" in snippets["body"]


def test_no_reason_cites_a_fragment_or_a_stopword_like_term():
    query_words = set(understanding.topic(analysis.normalise(FACTORY)).words)
    text = {"body": "本技术研究污水的处理方法，去除重金属离子；技术成熟，成本低。"}
    reasons = explain.reasons_for(explain.query_terms(parse_user_text(FACTORY)), text)
    assert {r.term for r in reasons} == {"污水", "重金属"}
    assert all(r.term in query_words and not understanding.is_generic(r.term) for r in reasons)
