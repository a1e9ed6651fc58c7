"""The score of one need-achievement pair: text relevance plus every structured factor."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from matchhub.matching import scoring
from matchhub.matching.profiles import Profile
from matchhub.matching.weights import MatchWeights


@dataclass(frozen=True)
class TextMatch:
    relevance: float  # the candidate's search score over the best candidate's (0..1)
    terms: Sequence[str] = ()  # shared or related terms
    semantic_only: bool = False


@dataclass(frozen=True)
class PairScore:
    score: float
    reasons: list[scoring.Factor]


def structured_factors(need: Profile, achievement: Profile, candidate: Profile,
                       today: dt.date, w: MatchWeights) -> list[scoring.Factor]:
    """Compatibility of the pair; freshness and expiry are those of the recommended item."""
    found = [
        scoring.field_factor(need.field, achievement.field, w),
        scoring.maturity_factor(need.trl, achievement.trl, w),
        scoring.modes_factor(need.modes, achievement.modes, w),
        scoring.price_factor(achievement.price_high, achievement.negotiable, need.price_high,
                             need.negotiable, w),
        scoring.region_factor(need.region_code, achievement.region_code, w),
        scoring.freshness_factor(candidate.published_on, today, w),
        scoring.expiry_factor(candidate.expires_on, today, w),
    ]
    return [factor for factor in found if factor is not None]


def score_pair(need: Profile, achievement: Profile, text: TextMatch, candidate: Profile,
               today: dt.date, w: MatchWeights) -> PairScore:
    reasons = [scoring.text_factor(text.relevance, text.terms, text.semantic_only, w),
               *structured_factors(need, achievement, candidate, today, w)]
    return PairScore(round(sum(r.weight for r in reasons), 4), reasons)
