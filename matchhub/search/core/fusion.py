"""Fusing ranked lists: reciprocal rank fusion, and a weighted combination of scores."""

from collections.abc import Hashable, Sequence


def reciprocal_rank_fusion(rankings: Sequence[Sequence[Hashable]], k: int = 60,
                           weights: Sequence[float] | None = None) -> dict[Hashable, float]:
    """score(d) = Σ w_i / (k + rank_i(d)), ranks 1-based (Cormack et al., 2009)."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[Hashable, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, key in enumerate(ranking, start=1):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    return scores


def normalise_scores(scored: dict[Hashable, float]) -> dict[Hashable, float]:
    """Min-max to [0, 1]; a single score (or all equal) becomes 1."""
    if not scored:
        return {}
    low, high = min(scored.values()), max(scored.values())
    if high == low:
        return dict.fromkeys(scored, 1.0)
    return {key: (value - low) / (high - low) for key, value in scored.items()}


def weighted_fusion(lexical: dict[Hashable, float], semantic: dict[Hashable, float],
                    semantic_weight: float) -> dict[Hashable, float]:
    """(1 - w) · normalised lexical + w · normalised semantic; missing scores count 0."""
    lex, sem = normalise_scores(lexical), normalise_scores(semantic)
    keys = lex.keys() | sem.keys()
    return {k: (1 - semantic_weight) * lex.get(k, 0.0) + semantic_weight * sem.get(k, 0.0)
            for k in keys}


def ranked(scores: dict[Hashable, float]) -> list[Hashable]:
    """Keys by descending score; ties broken by key for a stable order."""
    return sorted(scores, key=lambda key: (-scores[key], str(key)))
