"""Alias swaps and bulk error collection, as pure functions (no server here)."""

import re

from matchhub.search.backends.elasticsearch.index import (
    IndexingError,
    describe_failure,
    failures,
    new_index_name,
    swap_actions,
)

FAILED = {"index": {"_index": "matchhub_1", "_id": "achievement:7", "status": 400,
                    "error": {"type": "mapper_parsing_exception",
                              "reason": "failed to parse field [trl]"}}}


def test_new_index_names_are_random_suffixes_of_the_alias():
    name = new_index_name("matchhub")
    assert re.fullmatch(r"matchhub_[0-9a-f]{8}", name)
    assert new_index_name("matchhub") != name


def test_swap_is_one_atomic_list_of_actions():
    assert swap_actions("matchhub", "matchhub_new", ["matchhub_old"]) == [
        {"add": {"index": "matchhub_new", "alias": "matchhub", "is_write_index": True}},
        {"remove": {"index": "matchhub_old", "alias": "matchhub"}},
    ]


def test_swap_replaces_a_concrete_index_that_holds_the_alias_name():
    actions = swap_actions("matchhub", "matchhub_new", [], alias_is_index=True)
    assert {"remove_index": {"index": "matchhub"}} in actions


def test_failures_are_collected_per_document():
    outcome = [(True, {"index": {"_id": "achievement:1", "status": 201}}), (False, FAILED)]
    assert failures(outcome) == [FAILED]
    assert describe_failure(FAILED) == "achievement:7 (400): failed to parse field [trl]"
    error = IndexingError([FAILED])
    assert error.errors == [FAILED] and "1 documents failed" in str(error)
