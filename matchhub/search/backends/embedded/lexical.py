"""The lexical queries: BM25 over the combined mixed-token field.

Ranking is a plain weighted OR of the distinct query tokens (a token's weight is its
count in the query), which tantivy answers with block-max WAND: fast at 10^6 documents.
Membership, for totals and facets, additionally requires ``min_should_match`` of the
tokens, so that a document sharing one common character is not counted as a match.
Quoted phrases must occur as consecutive bigrams; excluded words must not occur.
"""

from dataclasses import dataclass

import tantivy

from matchhub.search.analysed import AnalysedQuery
from matchhub.search.backends.embedded.schema import TEXT_FIELD

Occur = tantivy.Occur


@dataclass(frozen=True)
class LexicalWeights:
    field_repeats: dict[str, int]
    min_should_match: float = 0.2


def _token(schema, token: str, weight: float) -> tantivy.Query:
    query = tantivy.Query.term_query(schema, TEXT_FIELD, token)
    return query if weight == 1.0 else tantivy.Query.boost_query(query, weight)


def _phrase(schema, tokens: list[str]) -> tantivy.Query:
    """The bigram sequence; consecutive bigrams sit two positions apart."""
    if len(tokens) == 1:
        return tantivy.Query.term_query(schema, TEXT_FIELD, tokens[0])
    return tantivy.Query.phrase_query(schema, TEXT_FIELD,
                                      [(2 * i, token) for i, token in enumerate(tokens)])


def _constraints(schema, query: AnalysedQuery) -> list:
    clauses = [(Occur.Must, _phrase(schema, p)) for p in query.phrases]
    return clauses + [(Occur.MustNot, _phrase(schema, e)) for e in query.excluded]


def text_clauses(schema, query: AnalysedQuery, weights: LexicalWeights,
                 membership: bool = False) -> list:
    """Clauses of the text part: the ranking form, or with ``membership`` the stricter
    form that decides what counts as a match."""
    clauses = []
    if query.tokens:
        tokens = [(Occur.Should, _token(schema, t.token, t.weight)) for t in query.tokens]
        needed = query.min_should_match(weights.min_should_match) if membership else None
        clauses.append((Occur.Must, tantivy.Query.boolean_query(tokens, needed)))
    return clauses + _constraints(schema, query)
