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
