"""Two-way matching: rank the candidates the search layer finds for a listing by text
relevance plus structured compatibility, leaving out what must never be recommended."""

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.catalog.workflow import effective_status
from matchhub.matching import scoring
from matchhub.matching.access import require_match_access
from matchhub.matching.candidates import OPPOSITE, find_candidates, query_for
from matchhub.matching.feedback import excluded_ids
from matchhub.matching.pairs import PairScore, TextMatch, score_pair
from matchhub.matching.profiles import profile_of
from matchhub.matching.weights import MatchWeights, candidate_count, default_weights
from matchhub.search.backends.base import BaseSearchBackend, Hit
from matchhub.search.core import explain
from matchhub.search.core.documents import document_texts
from matchhub.search.core.registry import spec_for
from matchhub.search.core.rows import load_rows

DEFAULT_LIMIT = 10


@dataclass
class Match:
    """One recommended item for a source listing, with its score and reasons."""

    row: Any
    score: float
    reasons: list[scoring.Factor]
    snippets: dict[str, Markup] = field(default_factory=dict)


def matches_for(session: Session, backend: BaseSearchBackend, user: User | None, item: Any,
                today: dt.date, limit: int = DEFAULT_LIMIT,
                weights: MatchWeights | None = None) -> list[Match]:
    """The best matches for ``item`` the user may see (owner, broker, platform admin)."""
    require_match_access(user, item)
    return rank_matches(session, backend, item, today, limit, weights or default_weights())


def is_eligible(row: Any, item: Any, excluded: set[int], today: dt.date) -> bool:
    """Published and current, not the source's owner's, not marked not relevant."""
    return (effective_status(row, today) == "published"
            and row.owner_org_id != item.owner_org_id
            and row.created_by_id != item.created_by_id
            and row.id not in excluded)


def rank_matches(session: Session, backend: BaseSearchBackend, item: Any, today: dt.date,
                 limit: int, weights: MatchWeights) -> list[Match]:
    hits = find_candidates(backend, item, today, candidate_count())
    rows = load_rows(session, OPPOSITE[item.item_type], [h.item_id for h in hits])
    excluded = excluded_ids(session, item)
    best = max((h.score for h in hits), default=0.0)
    terms = explain.query_terms(query_for(item))
    scored = [(_score(item, rows[h.item_id], h, best, today, weights), rows[h.item_id])
              for h in hits
              if h.item_id in rows and is_eligible(rows[h.item_id], item, excluded, today)
              and shares_topic(rows[h.item_id], h, terms)]
    scored.sort(key=lambda pair: -pair[0].score)
    return [_describe(row, result, terms) for result, row in scored[:limit]]


def shares_topic(row: Any, hit: Hit, terms) -> bool:
    """Relevant in content: the candidate holds a specific topic word of the source (or its
    synonym), or the semantic retriever found it; overlap in generic words alone (处理,
    技术, 植物…) is no match, whatever its field, maturity or price."""
    if hit.lexical_rank is None and hit.semantic_rank is not None:
        return True
    return not terms or bool(explain.reasons_for(terms, document_texts(spec_for(row), row)))


def _score(item: Any, row: Any, hit: Hit, best: float, today: dt.date,
           weights: MatchWeights) -> PairScore:
    source, candidate = profile_of(item), profile_of(row)
    need, achievement = (source, candidate) if item.item_type == "need" else (candidate, source)
    relevance = hit.score / best if best > 0 else 0.0
    semantic_only = hit.semantic_rank is not None and hit.lexical_rank is None
    return score_pair(need, achievement, TextMatch(relevance, (), semantic_only), candidate,
                      today, weights)


def shared_terms(reasons: list[explain.Reason]) -> list[str]:
    """The query's terms (or their found parts) present in the candidate, in order, once."""
    found: list[str] = []
    for reason in reasons:
        for term in reason.matched:
            if term not in found:
                found.append(term)
    return found


def _describe(row: Any, result: PairScore, terms) -> Match:
    """Name the shared terms in the text reason and highlight them in the snippets."""
    texts = document_texts(spec_for(row), row)
    texts.pop("org", None)
    found, snippets = explain.explained(terms, texts)
    text, terms_found = result.reasons[0], shared_terms(found)
    named = replace(text, label=scoring.text_label(terms_found)) if terms_found else text
    return Match(row, result.score, [named, *result.reasons[1:]], snippets)
