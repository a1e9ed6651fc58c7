"""A parsed query turned into weighted tokens, the same for every backend.

Each keyword of the plain text (and each synonym, at a lower weight) contributes its
character uni+bigrams and its jieba words; quoted phrases become bigram sequences that
must occur in order; excluded words become sequences that must not occur.
"""

import math
from dataclasses import dataclass, field

from matchhub.search import analysis
from matchhub.search.query import ParsedText


@dataclass(frozen=True)
class WeightedToken:
    token: str
    weight: float
    origin: str  # the keyword or synonym it came from


@dataclass
class AnalysedQuery:
    chars: list[WeightedToken] = field(default_factory=list)
    words: list[WeightedToken] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    synonyms: set[str] = field(default_factory=set)  # expansions added from synonyms.txt

    @property
    def empty(self) -> bool:
        return not (self.chars or self.phrases)

    def min_should_match(self, ratio: float) -> int:
        """How many distinct character tokens a document must contain to count as a match."""
        return max(1, math.ceil(ratio * len(self.chars))) if self.chars else 0


def phrase_tokens(text: str) -> list[str]:
    """A phrase as consecutive bigrams (a single character or Latin run stays whole)."""
    tokens: list[str] = []
    for kind, run in analysis.runs(text):
        if kind == "latin" or len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def _merge(target: dict[str, WeightedToken], tokens: list[str], weight: float, origin: str):
    for token in tokens:
        if token not in target or target[token].weight < weight:
            target[token] = WeightedToken(token, weight, origin)


def analyse(parsed: ParsedText, synonym_weight: float = 0.5) -> AnalysedQuery:
    chars: dict[str, WeightedToken] = {}
    words: dict[str, WeightedToken] = {}
    query = AnalysedQuery()
    for term in analysis.expand_query(parsed.positive_text, synonym_weight=synonym_weight):
        _merge(chars, analysis.char_ngrams(term.text, normalised=True), term.weight, term.text)
        _merge(words, analysis.words(term.text, normalised=True), term.weight, term.text)
        if term.source == "synonym":
            query.synonyms.add(term.text)
    query.chars, query.words = list(chars.values()), list(words.values())
    query.phrases = [t for t in (phrase_tokens(p) for p in parsed.phrases) if t]
    query.excluded = [t for t in (phrase_tokens(e) for e in parsed.excluded) if t]
    return query
