"""The matching weights and feedback reasons from config/matching.json, checked strictly."""

from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from matchhub.core.config_files import load_json
from matchhub.core.vocabularies import Vocabulary

CONFIG_FILE = "matching.json"


@dataclass(frozen=True)
class MatchWeights:
    """Contributions to a match score; negative numbers lower it (docs/matching.md)."""

    text: float
    field_same: float
    field_different: float
    maturity_met: float
    maturity_short_per_level: float
    maturity_short_max: float
    modes_overlap: float
    modes_disjoint: float
    price_within: float
    price_over_max: float
    region_prefecture: float
    region_province: float
    fresh: float
    fresh_full_days: int
    fresh_zero_days: int
    expiring: float
    expiring_days: int


class InvalidMatchingConfig(ValueError):
    """config/matching.json is missing a weight, has an unknown one or a non-number."""


def parse_weights(raw: dict[str, Any]) -> MatchWeights:
    names = {f.name: f.type for f in fields(MatchWeights)}
    unknown = sorted(set(raw) - set(names))
    missing = sorted(set(names) - set(raw))
    if unknown or missing:
        raise InvalidMatchingConfig(f"matching weights: unknown {unknown}, missing {missing}")
    values = {}
    for name, kind in names.items():
        value = raw[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidMatchingConfig(f"matching weight {name!r} must be a number")
        if kind is int and value != int(value):
            raise InvalidMatchingConfig(f"matching weight {name!r} must be a whole number")
        values[name] = int(value) if kind is int else float(value)
    if values["fresh_zero_days"] <= values["fresh_full_days"]:
        raise InvalidMatchingConfig("fresh_zero_days must be greater than fresh_full_days")
    return MatchWeights(**values)


@cache
def default_weights() -> MatchWeights:
    return parse_weights(load_json(CONFIG_FILE)["weights"])


@cache
def candidate_count() -> int:
    count = load_json(CONFIG_FILE)["candidates"]
    if isinstance(count, bool) or not isinstance(count, int) or not 10 <= count <= 1000:
        raise InvalidMatchingConfig("matching candidates must be a whole number in 10..1000")
    return count


@cache
def feedback_reasons() -> Vocabulary:
    rows = load_json(CONFIG_FILE)["feedback_reasons"]
    return Vocabulary("match_feedback_reasons", {str(code): label for code, label in rows})
