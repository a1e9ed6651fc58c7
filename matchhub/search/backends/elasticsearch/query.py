"""The text part of a search as Elasticsearch queries, built from pre-analysed tokens.

User text never reaches Elasticsearch as a query string: ``parse_user_text`` splits it
into plain text, phrases and exclusions, ``matchhub.search.core.analysed`` turns those into
weighted "mixed" tokens (the embedded backend's tokens), and each token becomes one
``multi_match`` over the whitespace-analysed fields. A document must contain
``min_should_match`` of the distinct tokens; phrases must occur as consecutive positional
tokens in one field; excluded words must not occur. Given the tokens' document shares
(``frequencies``, large indexes only), tokens found in more than ``max_df_ratio`` of the
documents are left out of both ranking and the match requirement, as in the embedded
backend (``analysed.ranking_tokens``).
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from matchhub.search.backends.elasticsearch.mapping import IK_SUBFIELD, ORIGINAL
from matchhub.search.core import analysis
from matchhub.search.core.analysed import (
    AnalysedQuery,
    WeightedToken,
    analyse,
    membership_groups,
    ranking_tokens,
)
from matchhub.search.core.membership import TOKENS_ANY, MembershipRule
from matchhub.search.core.query import ParsedText

HIGHLIGHT_CHARS = 90
# Token clauses per query at most (each expands to one term query per field): keeps a
# long query with synonyms under the server's boolean clause limit. The heaviest tokens
# are kept, in query order.
MAX_TOKENS = 256


@dataclass(frozen=True)
class TextSettings:
    boosts: dict[str, float]
    synonym_weight: float = 1.0
    # > 0: also score the words against the IK sub-fields (IK_SUBFIELD on, plugin present).
    ik_boost: float = 0.0
    # Tokens in more than this share of documents neither rank nor count towards the
    # match (1.0 keeps all), in indexes of at least ``prune_from`` documents.
    max_df_ratio: float = 1.0
    prune_from: int = 10_000
    # Membership as in the embedded backend; under "relative" the backend adds the score
    # cut to the "either" rule's gate. Generic words by the list only (no per-word
    # frequencies here).
    rule: MembershipRule = MembershipRule()


def boosted_fields(boosts: dict[str, float]) -> list[str]:
    return [name if boost == 1.0 else f"{name}^{boost:g}" for name, boost in boosts.items()]


def token_clause(token: WeightedToken, fields: list[str]) -> dict[str, Any]:
    clause: dict[str, Any] = {"query": token.token, "type": "most_fields", "fields": fields}
    if token.weight != 1.0:
        clause["boost"] = token.weight
    return {"multi_match": clause}


def phrase_clause(text: str, fields: list[str]) -> dict[str, Any] | None:
    """The phrase as consecutive positional tokens (c1 c1c2 c2 …), as the fields hold them."""
    tokens = analysis.positional_chars(text)
    if not tokens:
        return None
    return {"multi_match": {"query": tokens, "type": "phrase", "fields": fields}}


def _phrases(texts: tuple[str, ...], fields: list[str]) -> list[dict[str, Any]]:
    return [c for c in (phrase_clause(t, fields) for t in texts) if c is not None]


def ik_clause(parsed: ParsedText, boosts: dict[str, float], boost: float) -> dict[str, Any]:
    """Our jieba words of the query against the IK sub-fields of the original text."""
    words = " ".join(analysis.words(parsed.positive_text))
    fields = {f"{ORIGINAL}.{name}.{IK_SUBFIELD}": value for name, value in boosts.items()}
    return {"multi_match": {"query": words, "fields": boosted_fields(fields), "boost": boost}}


def capped(tokens: list[WeightedToken], limit: int = MAX_TOKENS) -> list[WeightedToken]:
    if len(tokens) <= limit:
        return tokens
    kept = set(sorted(range(len(tokens)), key=lambda i: -tokens[i].weight)[:limit])
    return [token for i, token in enumerate(tokens) if i in kept]


def text_query(parsed: ParsedText, settings: TextSettings, analysed: AnalysedQuery | None = None,
               doc_share: Callable[[str], float] | None = None) -> dict[str, Any]:
    """What matches, scored: the token disjunction, phrases, exclusions (no filters).
    ``analysed`` is ``parsed`` already analysed (else it is analysed here); ``doc_share``
    gives a token's share of documents, for pruning, or is None to keep every token."""
    if analysed is None:
        analysed = analyse(parsed, settings.synonym_weight)
    kept = capped(ranking_tokens(analysed, settings.max_df_ratio, doc_share))
    fields = boosted_fields(settings.boosts)
    must: list[dict[str, Any]] = []
    groups = membership_groups(analysed, None, 1.0)
    if analysed.topicless or (analysed.words and not groups):
        return {"bool": {"must_not": [{"match_all": {}}]}}  # no specific topic: no match
    if kept:
        needed = settings.rule.tokens_needed(len(kept))
        tokens = [token_clause(t, fields) for t in kept]
        must.append({"bool": {"should": tokens, "minimum_should_match": needed}})
    must += _phrases(parsed.phrases, fields)
    query: dict[str, Any] = {"must": must or [{"match_all": {}}]}
    if groups and settings.rule.by_words:
        _by_words(query, groups, settings, fields)
    excluded = _phrases(parsed.excluded, fields)
    if excluded:
        query["must_not"] = excluded
    if settings.ik_boost > 0 and kept:
        query["should"] = [ik_clause(parsed, settings.boosts, settings.ik_boost)]
    return {"bool": query}


def ranking_query(parsed: ParsedText, settings: TextSettings,
                  analysed: AnalysedQuery | None = None,
                  doc_share: Callable[[str], float] | None = None) -> dict[str, Any]:
    """``text_query`` without its membership requirement: any query token, the phrases
    and exclusions (what "relative" membership cuts by score)."""
    loose = replace(settings, rule=TOKENS_ANY)
    return text_query(parsed, loose, analysed, doc_share)


def _by_words(query: dict[str, Any], groups: list[tuple[str, ...]], settings: TextSettings,
              fields: list[str]) -> None:
    """Membership by whole words: enough of the groups (each a word or its synonyms as a
    phrase) filter the match; under "either" the token requirement is the alternative."""
    should = [{"bool": {"should": _phrases(group, fields)}} for group in groups]
    words = {"bool": {"should": should,
                      "minimum_should_match": settings.rule.words_needed(len(groups))}}
    tokens = query["must"][0] if query["must"] and "bool" in query["must"][0] else None
    if tokens is not None:  # the tokens rank; their requirement is at least one
        tokens["bool"]["minimum_should_match"] = 1
    if settings.rule.either and tokens is not None:
        relaxed = dict(tokens["bool"], minimum_should_match=settings.rule.tokens_needed(
            len(tokens["bool"]["should"])))
        words = {"bool": {"should": [words, {"bool": relaxed}], "minimum_should_match": 1}}
    query["filter"] = [words]


def highlight_words(parsed: ParsedText, synonym_weight: float = 1.0) -> list[str]:
    """The jieba words of the query and its synonyms, longest first."""
    found: dict[str, None] = {}
    for term in analysis.expand_query(parsed.positive_text, synonym_weight=synonym_weight):
        found.update(dict.fromkeys(analysis.words(term.text, normalised=True)))
    return sorted(found, key=len, reverse=True)


def highlight_request(parsed: ParsedText, fields: tuple[str, ...]) -> dict[str, Any] | None:
    """Fragments of the original text (standard analyzer) around the query's words; HTML
    encoded, matches in <mark>."""
    words = highlight_words(parsed)
    if not words or not fields:
        return None
    should = [{"match_phrase": {f"{ORIGINAL}.{name}": word}} for name in fields for word in words]
    options = {"fragment_size": HIGHLIGHT_CHARS, "number_of_fragments": 1}
    return {"encoder": "html", "pre_tags": ["<mark>"], "post_tags": ["</mark>"],
            "highlight_query": {"bool": {"should": should}},
            "fields": {f"{ORIGINAL}.{name}": dict(options) for name in fields}}
