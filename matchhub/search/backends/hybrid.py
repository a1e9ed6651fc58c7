"""Combining lexical and semantic candidates into one ranked page (any backend)."""

from dataclasses import dataclass

from matchhub.search.backends.base import Hit
from matchhub.search.core.documents import split_int_key
from matchhub.search.core.fusion import ranked, reciprocal_rank_fusion, weighted_fusion


@dataclass(frozen=True)
class FusionSettings:
    method: str = "rrf"  # "rrf" or "weighted"
    rrf_k: int = 60
    semantic_weight: float = 0.5
    lexical_candidates: int = 200
    semantic_candidates: int = 100


def fuse(lexical: list[tuple[int, float]], semantic: list[tuple[int, float]],
         settings: FusionSettings) -> list[Hit]:
    """Lexical and semantic (key, score) lists, best first, fused into hits."""
    lex_rank = {key: rank for rank, (key, _) in enumerate(lexical, start=1)}
    sem_rank = {key: rank for rank, (key, _) in enumerate(semantic, start=1)}
    if settings.method == "weighted":
        scores = weighted_fusion(dict(lexical), dict(semantic), settings.semantic_weight)
    else:
        weights = [1 - settings.semantic_weight, settings.semantic_weight]
        scores = reciprocal_rank_fusion([[k for k, _ in lexical], [k for k, _ in semantic]],
                                        k=settings.rrf_k, weights=[2 * w for w in weights])
    return [_hit(key, scores[key], lex_rank.get(key), sem_rank.get(key)) for key in ranked(scores)]


def semantic_only(semantic: list[tuple[int, float]]) -> list[Hit]:
    return [_hit(key, score, None, rank) for rank, (key, score) in enumerate(semantic, start=1)]


def _hit(key: int, score: float, lexical_rank, semantic_rank) -> Hit:
    item_type, item_id = split_int_key(key)
    return Hit(item_type, item_id, float(score), lexical_rank, semantic_rank)
