"""A parsed query turned into weighted tokens, the same for every backend.

Each keyword of the plain text, and each synonym of it, contributes its "mixed" tokens
(character uni+bigrams and jieba words, as the index holds them); a token's weight is
its count in the query times the weight of the term it came from. Quoted phrases become
bigram sequences that must occur in order; excluded words, sequences that must not.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from matchhub.search.core import analysis, understanding
from matchhub.search.core.query import ParsedText


@dataclass(frozen=True)
class WeightedToken:
    token: str
    weight: float


@dataclass
class AnalysedQuery:
    tokens: list[WeightedToken] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    synonyms: set[str] = field(default_factory=set)  # expansions added from synonyms.txt
    # The topic words of the plain text (understanding.topic); membership is decided by
    # the specific ones among them (``membership_groups``).
    words: tuple[str, ...] = ()
    # Plain text was typed but none of it is topic (all filler or stopwords): the tokens
    # then come from the whole text, for the nearest results, and nothing is a match.
    topicless: bool = False
    # Nothing was dropped from the plain text: the words typed are all topic, so generic
    # ones decide membership when there is nothing more specific ("材料" typed alone).
    bare: bool = False

    @property
    def empty(self) -> bool:
        return not (self.tokens or self.phrases)

    def min_should_match(self, ratio: float) -> int:
        """How many distinct query tokens a document must contain to count as a match."""
        return needed_matches(ratio, len(self.tokens))


def needed_matches(ratio: float, tokens: int) -> int:
    """Of ``tokens`` distinct query tokens, how many a matching document must contain."""
    return max(1, math.ceil(ratio * tokens)) if tokens else 0


def ranking_tokens(query: AnalysedQuery, max_df_ratio: float,
                   doc_share: Callable[[str], float] | None) -> list[WeightedToken]:
    """The query tokens worth ranking and matching by: all but those found in more than
    ``max_df_ratio`` of the documents (``doc_share(token)``, None to keep every token); all
    of them when pruning would leave no token that occurs at all. Both backends prune so,
    as Elasticsearch's old common-terms query did."""
    if max_df_ratio >= 1.0 or doc_share is None:
        return query.tokens
    shares = {t.token: doc_share(t.token) for t in query.tokens}
    kept = [t for t in query.tokens if shares[t.token] <= max_df_ratio]
    return kept if any(shares[t.token] > 0 for t in kept) else query.tokens


def phrase_tokens(text: str) -> list[str]:
    """A phrase as consecutive bigrams (a single character or Latin run stays whole)."""
    tokens: list[str] = []
    for kind, run in analysis.runs(text):
        if kind == "latin" or len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def membership_groups(query: AnalysedQuery, doc_share: Callable[[str], float] | None,
                      max_share: float) -> list[tuple[str, ...]]:
    """The specific topic words, each with its synonyms: a document holds a group when it
    holds any of its texts as a phrase."""
    words = understanding.specific_words(query.words, doc_share, max_share)
    if not words and query.bare:
        words = [w for w in query.words if len(w) > 1 or not "\u3400" <= w <= "\u9fff"]
    return [(w, *(t.text for t in analysis.expand_query(w)[1:])) for w in words]


def _letters(text: str) -> str:
    return "".join(run for _, run in analysis.runs(text, normalised=True))


def topic_text(parsed: ParsedText) -> tuple[str, understanding.Topic]:
    """The text that ranks: the plain text's topic keywords, then the quoted phrases."""
    found = understanding.topic(parsed.plain) if parsed.plain else understanding.Topic((), ())
    return " ".join([found.text, *parsed.phrases]).strip(), found


def analyse(parsed: ParsedText, synonym_weight: float = 1.0) -> AnalysedQuery:
    weights: dict[str, float] = {}
    query = AnalysedQuery()
    text, found = topic_text(parsed)
    query.words = found.words
    query.bare = _letters(found.text) == _letters(analysis.normalise(parsed.plain))
    if parsed.plain and not found.words:
        query.topicless, text = True, parsed.positive_text
    for term in analysis.expand_query(text, synonym_weight=synonym_weight):
        for token in analysis.mixed_tokens(term.text, normalised=True):
            weights[token] = weights.get(token, 0.0) + term.weight
        if term.source == "synonym":
            query.synonyms.add(term.text)
    query.tokens = [WeightedToken(t, w) for t, w in weights.items()]
    query.phrases = [t for t in (phrase_tokens(p) for p in parsed.phrases) if t]
    query.excluded = [t for t in (phrase_tokens(e) for e in parsed.excluded) if t]
    return query
