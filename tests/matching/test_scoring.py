"""Each matching factor on its own, and the pair score that sums them."""

import datetime as dt
from decimal import Decimal

import pytest

from matchhub.core.config_files import load_json
from matchhub.matching import scoring
from matchhub.matching.pairs import TextMatch, score_pair
from matchhub.matching.profiles import Profile
from matchhub.matching.weights import InvalidMatchingConfig, default_weights, parse_weights

W = default_weights()
TODAY = dt.date(2026, 6, 1)


def test_text_factor_scales_with_relevance_and_names_terms():
    full = scoring.text_factor(1.0, ["正极材料", "锂电池"], False, W)
    half = scoring.text_factor(0.5, [], False, W)
    assert full.code == "text" and full.weight == W.text
    assert full.label == "内容相关：「正极材料」、「锂电池」"
    assert half.weight == pytest.approx(W.text / 2)
    assert scoring.text_factor(0.4, [], True, W).label == "语义相近"
    assert scoring.text_factor(3.0, [], False, W).weight == W.text  # clamped


def test_field_factor():
    same = scoring.field_factor("new_materials", "new_materials", W)
    assert (same.code, same.label, same.weight) == ("field_same", "领域一致", W.field_same)
    other = scoring.field_factor("new_materials", "agriculture", W)
    assert other.code == "field_different"
    assert other.label == "领域不同（新材料及其应用 / 农业）"
    assert other.weight == W.field_different


def test_maturity_met_names_the_stages():
    met = scoring.maturity_factor(4, 6, W)
    assert (met.code, met.label, met.weight) == ("maturity_met", "成熟度满足（中试 ≥ 小试）",
                                                 W.maturity_met)
    assert scoring.maturity_factor(6, 7, W).label == "成熟度满足（TRL7 ≥ TRL6）"  # same stage


def test_maturity_short_costs_per_level_up_to_a_cap():
    one = scoring.maturity_factor(7, 6, W)
    assert one.code == "maturity_short" and one.label == "成熟度不足（TRL6 < TRL7）"
    assert one.weight == pytest.approx(W.maturity_short_per_level)
    assert scoring.maturity_factor(9, 1, W).weight == pytest.approx(W.maturity_short_max)
    assert scoring.maturity_factor(8, 3, W).label == "成熟度不足（研发 < 产业化）"


def test_maturity_is_silent_when_the_need_sets_no_level():
    assert scoring.maturity_factor(None, 5, W) is None


def test_modes_factor_rewards_the_share_of_wanted_modes():
    both = scoring.modes_factor({"transfer", "license"}, {"license", "transfer", "equity"}, W)
    assert both.code == "modes_shared" and both.weight == pytest.approx(W.modes_overlap)
    assert both.label == "合作方式相同：许可、转让"
    half = scoring.modes_factor({"transfer", "license"}, {"license"}, W)
    assert half.weight == pytest.approx(W.modes_overlap / 2)
    none = scoring.modes_factor({"transfer"}, {"service"}, W)
    assert (none.code, none.label, none.weight) == ("modes_disjoint", "合作方式不同",
                                                    W.modes_disjoint)
    assert scoring.modes_factor(set(), {"service"}, W) is None


def test_price_within_budget():
    within = scoring.price_factor(Decimal("500000"), False, Decimal("800000"), False, W)
    assert (within.code, within.label, within.weight) == ("price_within", "报价在预算内",
                                                          W.price_within)
    exact = scoring.price_factor(Decimal("800000"), False, Decimal("800000"), False, W)
    assert exact.code == "price_within"


def test_price_over_budget_costs_with_the_overshoot():
    over = scoring.price_factor(Decimal("1000000"), False, Decimal("800000"), False, W)
    assert over.code == "price_over"
    assert over.label == "报价高于预算（100.00 万元 > 80.00 万元）"
    assert over.weight == pytest.approx(W.price_over_max * 0.25)
    far = scoring.price_factor(Decimal("5000000"), False, Decimal("800000"), False, W)
    assert far.weight == pytest.approx(W.price_over_max)


def test_negotiable_price_is_neutral():
    for args in [(None, True, Decimal("1"), False), (Decimal("9"), True, Decimal("1"), False),
                 (Decimal("9"), False, Decimal("1"), True), (None, False, Decimal("1"), False)]:
        found = scoring.price_factor(*args, W)
        assert (found.code, found.label, found.weight) == ("price_negotiable", "价格面议", 0.0)
    open_budget = scoring.price_factor(Decimal("9"), False, None, False, W)
    assert (open_budget.code, open_budget.weight) == ("price_open", 0.0)


def test_region_same_prefecture_first_then_province():
    city = scoring.region_factor("620102", "620100", W)  # a Lanzhou county and Lanzhou
    assert (city.code, city.label, city.weight) == ("region_prefecture", "同属兰州市",
                                                    W.region_prefecture)
    province = scoring.region_factor("620400", "620100", W)
    assert (province.code, province.label, province.weight) == (
        "region_province", "同属甘肃省", W.region_province)
    assert W.region_prefecture > W.region_province
    assert scoring.region_factor("620100", "110000", W) is None
    # 兰州新区 is a zone of its own, not part of 兰州市 for matching.
    assert scoring.region_factor("620171", "620100", W).code == "region_province"


def test_freshness_fades_with_age():
    fresh = scoring.freshness_factor(TODAY - dt.timedelta(days=3), TODAY, W)
    assert (fresh.code, fresh.label, fresh.weight) == ("fresh", "新近发布（3 天前）", W.fresh)
    middle = W.fresh_full_days + (W.fresh_zero_days - W.fresh_full_days) // 2
    faded = scoring.freshness_factor(TODAY - dt.timedelta(days=middle), TODAY, W)
    assert 0 < faded.weight < W.fresh
    assert scoring.freshness_factor(TODAY - dt.timedelta(days=W.fresh_zero_days), TODAY,
                                    W) is None
    assert scoring.freshness_factor(None, TODAY, W) is None


def test_expiry_penalises_listings_about_to_lapse():
    soon = scoring.expiry_factor(TODAY + dt.timedelta(days=5), TODAY, W)
    assert (soon.code, soon.label, soon.weight) == ("expiring", "即将到期（剩 5 天）",
                                                    W.expiring)
    assert scoring.expiry_factor(TODAY + dt.timedelta(days=W.expiring_days + 1), TODAY,
                                 W) is None


def _profile(item_type, **values) -> Profile:
    base = {"field": "new_materials", "trl": 6, "modes": frozenset({"transfer"}),
            "price_low": Decimal("500000"), "price_high": Decimal("500000"),
            "negotiable": False, "region_code": "620100"}
    return Profile(item_type, **{**base, **values})


def test_pair_score_is_the_sum_of_its_reasons():
    need = _profile("need", trl=4, price_low=None, price_high=Decimal("800000"),
                    region_code="620102")
    achievement = _profile("achievement", published_on=TODAY)
    result = score_pair(need, achievement, TextMatch(1.0, ["正极材料"]), achievement, TODAY, W)
    codes = [r.code for r in result.reasons]
    assert codes == ["text", "field_same", "maturity_met", "modes_shared", "price_within",
                     "region_prefecture", "fresh"]
    assert result.score == pytest.approx(sum(r.weight for r in result.reasons))


def test_structure_reorders_equal_text():
    need = _profile("need", trl=6, price_high=Decimal("800000"))
    good = _profile("achievement", trl=7)
    early = _profile("achievement", trl=3, field="agriculture", region_code="110000")
    text = TextMatch(0.9)
    assert (score_pair(need, good, text, good, TODAY, W).score
            > score_pair(need, early, TextMatch(1.0), early, TODAY, W).score)


def test_the_shipped_weights_parse_and_bad_ones_are_refused():
    raw = load_json("matching.json")["weights"]
    assert parse_weights(raw) == W
    with pytest.raises(InvalidMatchingConfig, match="unknown"):
        parse_weights({**raw, "bogus": 1})
    with pytest.raises(InvalidMatchingConfig, match="missing"):
        parse_weights({k: v for k, v in raw.items() if k != "text"})
    with pytest.raises(InvalidMatchingConfig, match="number"):
        parse_weights({**raw, "text": "0.5"})
    with pytest.raises(InvalidMatchingConfig, match="whole"):
        parse_weights({**raw, "expiring_days": 1.5})
