"""The lexical ranking query: BM25 over each field's mixed tokens, with field boosts.

Each distinct query token is one clause, matched in every text field with that field's
boost and weighted by the token's count in the query; a document must contain
``min_should_match`` of those clauses to count as a match (the set that facets and
totals count). Quoted phrases must occur as consecutive bigrams; excluded words must not.
"""

from dataclasses import dataclass

import tantivy

from matchhub.search.analysed import AnalysedQuery
from matchhub.search.backends.embedded.schema import MIXED_SUFFIX

Occur = tantivy.Occur


@dataclass(frozen=True)
class LexicalWeights:
    field_boosts: dict[str, float]
    min_should_match: float = 0.2


def _per_field(schema, token: str, boosts: dict[str, float]) -> tantivy.Query:
    clauses = [(Occur.Should, tantivy.Query.boost_query(
        tantivy.Query.term_query(schema, name + MIXED_SUFFIX, token), boost))
        for name, boost in boosts.items()]
    return tantivy.Query.boolean_query(clauses)


def _weighted(query: tantivy.Query, weight: float) -> tantivy.Query:
    return query if weight == 1.0 else tantivy.Query.boost_query(query, weight)


def _phrase_anywhere(schema, tokens: list[str], fields: list[str]) -> tantivy.Query:
    """The bigram sequence in any text field; consecutive bigrams sit two positions apart."""
    if len(tokens) == 1:
        options = [tantivy.Query.term_query(schema, f + MIXED_SUFFIX, tokens[0]) for f in fields]
    else:
        words = [(2 * i, token) for i, token in enumerate(tokens)]
        options = [tantivy.Query.phrase_query(schema, f + MIXED_SUFFIX, words) for f in fields]
    return tantivy.Query.boolean_query([(Occur.Should, q) for q in options])


def text_clauses(schema, query: AnalysedQuery, weights: LexicalWeights) -> list:
    boosts = weights.field_boosts
    clauses = []
    if query.tokens:
        token_clauses = [(Occur.Should, _weighted(_per_field(schema, t.token, boosts), t.weight))
                         for t in query.tokens]
        needed = query.min_should_match(weights.min_should_match)
        clauses.append((Occur.Must, tantivy.Query.boolean_query(token_clauses, needed)))
    fields = list(boosts)
    clauses += [(Occur.Must, _phrase_anywhere(schema, p, fields)) for p in query.phrases]
    clauses += [(Occur.MustNot, _phrase_anywhere(schema, e, fields)) for e in query.excluded]
    return clauses
