"""The lexical queries: BM25 over the combined mixed-token field.

Ranking is a plain weighted OR of the distinct query tokens (a token's weight is its
count in the query), which tantivy answers with block-max WAND: fast at 10^6 documents.
Membership, for totals and facets, additionally requires ``min_should_match`` of the
tokens, so that a document sharing one common character is not counted as a match.
In large indexes both leave out the tokens found in more than ``max_df_ratio`` of the
documents, as Elasticsearch's common-terms query did: such a token (a frequent single
character) barely moves a score, and counting it towards the match made most of the
catalogue "match" and every total and facet count a pass over the longest posting lists.
Quoted phrases must occur as consecutive bigrams; excluded words must not occur.
``smoothed`` re-scores the first hits of a ranking by their neighbours
(matchhub.search.core.neighbours).
"""

from dataclasses import dataclass, replace

import tantivy

from matchhub.search.backends.embedded.schema import PROFILE_FIELD, TEXT_FIELD
from matchhub.search.core import analysed, analysis
from matchhub.search.core.analysed import AnalysedQuery, WeightedToken
from matchhub.search.core.membership import MembershipRule
from matchhub.search.core.neighbours import NeighbourSmoothing, smoothed_ranking

Occur = tantivy.Occur
NOTHING = tantivy.Query.empty_query()


@dataclass(frozen=True)
class LexicalWeights:
    field_repeats: dict[str, int]
    # Ranking and membership skip tokens found in more than this share of documents
    # (their idf is near zero, their posting lists are the longest); 1.0 keeps every
    # token. Only in indexes of at least ``prune_from`` documents: small ones are fast
    # anyway, and there a share says little.
    max_df_ratio: float = 1.0
    prune_from: int = 10_000
    # Two-stage ranking in large indexes: candidates are ranked by the tokens found in at
    # most this share of documents (short posting lists: fast at 10^6), then re-scored
    # exactly by every ranking token. At or above ``max_df_ratio``: one stage.
    candidate_df_ratio: float = 1.0
    # What decides membership; under "relative" the backend applies the cut and
    # ``LexicalPlan.members`` is the "either" condition one of the best must meet.
    rule: MembershipRule = MembershipRule()
    # A topic word found in more than this share of the documents is generic: it ranks
    # but does not decide membership.
    generic_df_share: float = 1.0


@dataclass(frozen=True)
class LexicalPlan:
    """The text part of one query, without filters, in its two forms."""

    ranking: tantivy.Query  # ranks: plain weighted OR plus phrase/exclusion constraints
    members: tantivy.Query  # decides what matches: ``needed`` of ``counted`` plus constraints
    counted: tuple[str, ...]  # the distinct tokens the match requirement counts
    needed: int
    candidates: tantivy.Query | None = None  # first stage of a two-stage ranking, if any
    by_words: bool = False  # membership decided by whole words (``members`` is exact)
    topic_words: int = 0  # the query's specific topic words (membership groups)


def _token(schema, token: str, weight: float) -> tantivy.Query:
    query = tantivy.Query.term_query(schema, TEXT_FIELD, token)
    return query if weight == 1.0 else tantivy.Query.boost_query(query, weight)


def _phrase(schema, tokens: list[str]) -> tantivy.Query:
    """The bigram sequence; consecutive bigrams sit two positions apart."""
    if len(tokens) == 1:
        return tantivy.Query.term_query(schema, TEXT_FIELD, tokens[0])
    return tantivy.Query.phrase_query(schema, TEXT_FIELD,
                                      [(2 * i, token) for i, token in enumerate(tokens)])


def _text(schema, text: str) -> tantivy.Query:
    """A word or phrase present as written: each of its runs as consecutive tokens."""
    parts = [_phrase(schema, analysed.phrase_tokens(run)) for _, run in analysis.runs(
        text, normalised=True)]
    if len(parts) == 1:
        return parts[0]
    return tantivy.Query.boolean_query([(Occur.Must, p) for p in parts])


def word_members(schema, query: AnalysedQuery, rule: MembershipRule, groups: list,
                 constraints: list) -> tantivy.Query:
    """The documents holding enough of the specific topic words ``groups`` (none when the
    query names no specific topic), under the phrase and exclusion constraints."""
    if query.topicless or (query.words and not groups):
        return NOTHING
    if not groups:  # quoted phrases only
        return tantivy.Query.boolean_query(constraints)
    should = [(Occur.Should, tantivy.Query.boolean_query(
        [(Occur.Should, _text(schema, t)) for t in group])) for group in groups]
    return tantivy.Query.boolean_query(
        [(Occur.Must, tantivy.Query.boolean_query(should, rule.words_needed(len(groups)))),
         *constraints])


def _constraints(schema, query: AnalysedQuery) -> list:
    clauses = [(Occur.Must, _phrase(schema, p)) for p in query.phrases]
    return clauses + [(Occur.MustNot, _phrase(schema, e)) for e in query.excluded]


def ranking_tokens(query: AnalysedQuery, weights: LexicalWeights,
                   doc_share) -> list[WeightedToken]:
    """The query tokens worth ranking and matching by (``analysed.ranking_tokens``)."""
    return analysed.ranking_tokens(query, weights.max_df_ratio, doc_share)


def plan(schema, query: AnalysedQuery, weights: LexicalWeights,
         doc_share=None, word_share=None) -> LexicalPlan:
    """Both forms of the text part. ``doc_share(token)`` is the share of documents holding
    a token (for pruning), or None to keep every token; ``word_share`` the same for any
    index size (for generic words)."""
    found = _plan(schema, query, weights, doc_share)
    if query.empty:
        return found
    groups = analysed.membership_groups(query, word_share, weights.generic_df_share)
    found = replace(found, topic_words=len(groups))
    members = word_members(schema, query, weights.rule, groups, _constraints(schema, query))
    if members is NOTHING:  # no specific topic word: nothing matches closely
        return replace(found, members=members, counted=(), needed=0, by_words=True)
    if not weights.rule.by_words:
        return found
    if weights.rule.either:
        members = tantivy.Query.boolean_query([(Occur.Should, members),
                                               (Occur.Should, found.members)])
    return replace(found, members=members, counted=(), needed=0, by_words=True)


def _plan(schema, query: AnalysedQuery, weights: LexicalWeights, doc_share) -> LexicalPlan:
    constraints = _constraints(schema, query)
    if doc_share is not None:  # looked up once per token, for both stages
        doc_share = {t.token: doc_share(t.token) for t in query.tokens}.__getitem__
    if query.empty:  # only exclusions (or nothing): everything not excluded
        everything = tantivy.Query.boolean_query(
            [(Occur.Must, tantivy.Query.all_query())]
            + [c for c in constraints if c[0] == Occur.MustNot])
        return LexicalPlan(everything, everything, (), 0)
    tokens = ranking_tokens(query, weights, doc_share)
    if not tokens:  # phrases only
        only = tantivy.Query.boolean_query(constraints)
        return LexicalPlan(only, only, (), 0)
    should = [(Occur.Should, _token(schema, t.token, t.weight)) for t in tokens]
    needed = weights.rule.tokens_needed(len(tokens))
    ranking = [(Occur.Must, tantivy.Query.boolean_query(should))]
    members = [(Occur.Must, tantivy.Query.boolean_query(should, needed))]
    return LexicalPlan(tantivy.Query.boolean_query(ranking + constraints),
                       tantivy.Query.boolean_query(members + constraints),
                       tuple(t.token for t in tokens), needed,
                       _candidates(schema, tokens, constraints, weights, doc_share))


def _candidates(schema, tokens: list[WeightedToken], constraints: list, weights: LexicalWeights,
                doc_share) -> tantivy.Query | None:
    """The first-stage ranking over the rarer tokens, when there are some and not all."""
    if doc_share is None or weights.candidate_df_ratio >= weights.max_df_ratio:
        return None
    rare = [t for t in tokens if 0 < doc_share(t.token) <= weights.candidate_df_ratio]
    if not rare or len(rare) == len(tokens):
        return None
    should = [(Occur.Should, _token(schema, t.token, t.weight)) for t in rare]
    return tantivy.Query.boolean_query(
        [(Occur.Must, tantivy.Query.boolean_query(should))] + constraints)


def matched_count_query(schema, plan: LexicalPlan, among: tantivy.Query) -> tantivy.Query:
    """Scores each document of ``among`` by how many of the counted tokens it holds (each
    one a constant 1): a document is a member when its score reaches ``plan.needed``.
    Cheap for a few dozen candidates, where intersecting them with the min-should-match
    query walks its whole posting lists."""
    counted = [(Occur.Should, tantivy.Query.const_score_query(
        tantivy.Query.term_query(schema, TEXT_FIELD, token), 1.0)) for token in plan.counted]
    return tantivy.Query.boolean_query(
        [(Occur.Must, tantivy.Query.const_score_query(among, 0.0)), *counted])


def rescoring_query(ranking: tantivy.Query, among: tantivy.Query) -> tantivy.Query:
    """The ranking query's own scores, for the documents of ``among`` only."""
    return tantivy.Query.boolean_query(
        [(Occur.Must, tantivy.Query.const_score_query(among, 0.0)), (Occur.Must, ranking)])


def smoothed(searcher, hits: list, limit: int, offset: int,
             smoothing: NeighbourSmoothing) -> list:
    """Hits ``offset`` .. ``offset + limit`` of ``hits`` (best first), the first
    ``smoothing.pool`` of them re-ordered by neighbour smoothing."""
    if not smoothing.enabled:
        return hits[offset : offset + limit]
    ranked = smoothed_ranking(
        [address for _, address in hits], [score for score, _ in hits],
        lambda pool: [searcher.doc(address).get_first(PROFILE_FIELD) for address in pool],
        smoothing)
    return ranked[offset : offset + limit]
