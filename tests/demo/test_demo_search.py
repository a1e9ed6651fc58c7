import pytest

from matchhub.search import get_search_backend
from matchhub.search.core.query import SearchQuery, parse_user_text


@pytest.mark.indexed
def test_loaded_demo_is_searchable(runner):
    result = runner.invoke(args=["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    backend = get_search_backend()
    query = SearchQuery(parse_user_text("马铃薯 脱毒"), ("achievement", "need"), limit=5)
    page = backend.run(query)
    assert page.total > 0
    assert {hit.item_type for hit in page.hits} <= {"achievement", "need"}
    # The 737 technology achievements, needs, organisations and brokers.
    assert backend.count() > 737 + 20


GENERIC = {"技术", "研究", "方法", "处理", "系统", "应用", "方案", "成熟", "合作", "专家"}


@pytest.mark.indexed
def test_demo_search_matches_the_topic_and_names_whole_words(runner, app):
    from matchhub.core import clock
    from matchhub.core.extensions import db
    from matchhub.search.core import analysis, understanding
    from matchhub.search.web.service import run_search

    assert runner.invoke(args=["demo", "--no-serve"]).exit_code == 0
    backend = get_search_backend()
    for text in ("量子烹饪", "不存在的技术"):
        for item_type in ("achievement", "need"):
            page = backend.run(SearchQuery(parse_user_text(text), (item_type,), limit=5,
                                           mode="lexical"))
            assert page.total == 0, (text, item_type)
    for text in ("想用无人机给果园打药，有没有成熟的方案",
                 "我们厂的污水含重金属，想找低成本的处理技术", "污水处理", "锂电池回收"):
        words = set(understanding.topic(analysis.normalise(text)).words)
        outcome = run_search(db.session, backend, text, "achievement", [], clock.today(),
                             mode="lexical")
        for item in outcome.items:
            assert len(item.reasons) <= 3
            for reason in item.reasons:
                assert reason.term in words and reason.term not in GENERIC, reason
