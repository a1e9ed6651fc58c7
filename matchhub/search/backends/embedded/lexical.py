"""The lexical queries: BM25 over the combined mixed-token field.

Ranking is a plain weighted OR of the distinct query tokens (a token's weight is its
count in the query), which tantivy answers with block-max WAND: fast at 10^6 documents.
Membership, for totals and facets, additionally requires ``min_should_match`` of the
tokens, so that a document sharing one common character is not counted as a match.
Quoted phrases must occur as consecutive bigrams; excluded words must not occur.
``ranked_hits`` runs the ranking form and re-scores its first hits by their neighbours
(matchhub.search.neighbours).
"""

from dataclasses import dataclass

import tantivy

from matchhub.search.analysed import AnalysedQuery
from matchhub.search.backends.embedded.schema import PROFILE_FIELD, TEXT_FIELD
from matchhub.search.neighbours import NeighbourSmoothing, smooth

Occur = tantivy.Occur


@dataclass(frozen=True)
class LexicalWeights:
    field_repeats: dict[str, int]
    min_should_match: float = 0.2
    # Ranking skips tokens found in more than this share of documents (their idf is near
    # zero, their posting lists are the longest); 1.0 keeps every token. Only in indexes
    # of at least ``prune_from`` documents: small ones are fast anyway, and there a
    # share says little.
    max_df_ratio: float = 1.0
    prune_from: int = 10_000


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


def ranking_tokens(query: AnalysedQuery, weights: LexicalWeights, doc_share) -> list:
    """The query tokens worth ranking by: all but the very frequent ones; all of them when
    pruning would leave no token that occurs at all."""
    if weights.max_df_ratio >= 1.0:
        return query.tokens
    shares = {t.token: doc_share(t.token) for t in query.tokens}
    kept = [t for t in query.tokens if shares[t.token] <= weights.max_df_ratio]
    return kept if any(shares[t.token] > 0 for t in kept) else query.tokens


def text_clauses(schema, query: AnalysedQuery, weights: LexicalWeights,
                 membership: bool = False, doc_share=None) -> list:
    """Clauses of the text part: the ranking form, or with ``membership`` the stricter
    form that decides what counts as a match. ``doc_share(token)`` is the share of
    documents containing a token (for pruning the ranking form)."""
    clauses = []
    if query.tokens:
        chosen = query.tokens if membership or doc_share is None else \
            ranking_tokens(query, weights, doc_share)
        tokens = [(Occur.Should, _token(schema, t.token, t.weight)) for t in chosen]
        needed = query.min_should_match(weights.min_should_match) if membership else None
        clauses.append((Occur.Must, tantivy.Query.boolean_query(tokens, needed)))
    return clauses + _constraints(schema, query)


def ranked_hits(searcher, ranking: tantivy.Query, limit: int, offset: int,
                smoothing: NeighbourSmoothing) -> list:
    """(score, address) hits ``offset`` .. ``offset + limit`` of the ranking query, the
    first ``smoothing.pool`` of them re-ordered by neighbour smoothing."""
    if not smoothing.enabled:
        return searcher.search(ranking, limit=limit, offset=offset, count=False).hits
    hits = searcher.search(ranking, limit=max(smoothing.pool, offset + limit),
                           count=False).hits
    pool = hits[: smoothing.pool]
    if len(pool) > 1:
        profiles = [searcher.doc(address).get_first(PROFILE_FIELD) for _, address in pool]
        order, scores = smooth([score for score, _ in pool], profiles, smoothing)
        pool = [(float(scores[i]), pool[i][1]) for i in order]
    return (pool + hits[smoothing.pool :])[offset : offset + limit]
