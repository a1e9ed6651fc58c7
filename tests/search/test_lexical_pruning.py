from matchhub.search.backends.embedded.lexical import LexicalWeights, ranking_tokens
from matchhub.search.core.analysed import AnalysedQuery, WeightedToken

QUERY = AnalysedQuery(tokens=[WeightedToken("的", 1.0), WeightedToken("镍钴", 1.0),
                              WeightedToken("锂", 1.0)])
SHARES = {"的": 0.9, "镍钴": 0.001, "锂": 0.0}


def tokens(weights):
    return [t.token for t in ranking_tokens(QUERY, weights, SHARES.get)]


def test_very_frequent_tokens_do_not_rank():
    assert tokens(LexicalWeights({}, max_df_ratio=0.2)) == ["镍钴", "锂"]


def test_no_pruning_at_ratio_one():
    assert tokens(LexicalWeights({}, max_df_ratio=1.0)) == ["的", "镍钴", "锂"]


def test_all_tokens_kept_when_pruning_would_leave_nothing_that_occurs():
    only_common = AnalysedQuery(tokens=[WeightedToken("的", 1.0), WeightedToken("锂", 1.0)])
    kept = ranking_tokens(only_common, LexicalWeights({}, max_df_ratio=0.2), SHARES.get)
    assert [t.token for t in kept] == ["的", "锂"]
