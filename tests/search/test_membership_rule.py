"""The matched-set rule both backends read from their settings."""

from matchhub.search.core.membership import MembershipRule


def test_settings_are_read_with_the_rule_defaults():
    rule = MembershipRule.from_params({"MEMBERSHIP": "relative", "RELATIVE_CUT": "0.125",
                                       "RELATIVE_CUT_POWER": 1, "WORD_MATCH_MIN": "3"})
    assert (rule.kind, rule.relative_cut, rule.relative_cut_power, rule.word_match_min) == (
        "relative", 0.125, 1.0, 3)
    assert MembershipRule.from_params({}) == MembershipRule()


def test_the_cut_grows_with_the_topic_words_up_to_its_maximum():
    rule = MembershipRule("relative", relative_cut=0.125, relative_cut_power=1.0,
                          relative_cut_max=0.6)
    assert [rule.cut(n) for n in (0, 1, 3, 10)] == [0.125, 0.125, 0.375, 0.6]
    assert MembershipRule(relative_cut=0.2).cut(4) == 0.2  # power 0: one cut for all


def test_words_and_tokens_needed():
    rule = MembershipRule("either", min_should_match=0.5, word_match=0.34, word_match_min=2)
    assert [rule.words_needed(n) for n in (1, 2, 3, 9)] == [1, 2, 2, 4]
    assert [rule.tokens_needed(n) for n in (0, 1, 7)] == [0, 1, 4]
    assert rule.either and rule.by_words and not MembershipRule().by_words
