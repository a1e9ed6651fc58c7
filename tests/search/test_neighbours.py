import numpy as np

from matchhub.search.core.neighbours import (
    NeighbourSmoothing,
    decode_profile,
    encode_profile,
    smooth,
)

SOLAR = ["钙钛矿", "薄膜", "光电", "转换", "效率"]


def test_a_profile_counts_words_and_bigrams_but_not_single_characters():
    ids, counts = decode_profile(encode_profile(["电池", "锂", "电池", "锂电池", "a"]))
    assert len(ids) == 2
    assert sorted(counts.tolist()) == [1, 2]


def test_an_empty_profile_decodes_to_nothing():
    ids, counts = decode_profile(None)
    assert len(ids) == len(counts) == 0


def test_a_hit_like_the_top_hits_rises_above_an_unlike_one():
    profiles = [encode_profile(SOLAR + ["界面"]), encode_profile(SOLAR + ["钝化"]),
                encode_profile(["饲料", "肉鸡", "生长"]), encode_profile(SOLAR + ["电子"])]
    settings = NeighbourSmoothing(weight=0.6, pool=4, sources=2, neighbours=2)
    order, scores = smooth([10.0, 9.0, 6.0, 5.5], profiles, settings)
    assert order.tolist() == [0, 1, 3, 2]
    assert scores[2] == 6.0  # nothing like it among the sources: its score stays


def test_without_weight_smoothing_is_off():
    assert not NeighbourSmoothing(weight=0.0).enabled
    assert NeighbourSmoothing.from_params({"WEIGHT": 0.3, "POOL": 50}).pool == 50


def test_a_hit_does_not_pass_its_score_to_itself():
    profiles = [encode_profile(SOLAR), encode_profile(["饲料", "肉鸡"])]
    order, scores = smooth([10.0, 1.0], profiles, NeighbourSmoothing(sources=2, neighbours=1))
    assert order.tolist() == [0, 1]
    assert np.isclose(scores[0], 10.0) and np.isclose(scores[1], 1.0)
