"""Query understanding shared by every backend, the reasons and matching: which words of
what a person typed carry its topic.

A query (or a need's description) is cut into jieba words per keyword; query filler
(``config/search/query_filler.txt``: who asks, what they want done, how they ask) and
stopwords are dropped. What remains are the topic keywords: runs of consecutive kept
words ("无人机", "果园打药"), which rank as before, and their words, of which the specific
ones (not in ``generic_words.txt``, not a lone character, not found in more than a set
share of the documents) decide membership. A run that is one generic word ("…的技术")
is dropped when other runs remain. Figures for each choice: bench/search_precision.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matchhub.search.core import analysis

# Which topic words may be single characters: a one-character CJK word is dropped (mostly
# function words: 想, 用, 给, 含) when True; kept by default (measured, the filler list
# holds the common ones).
DROP_SINGLE_CJK = False
# A run of one generic word is dropped when others remain (a measured variant).
DROP_GENERIC_RUNS = True


@dataclass(frozen=True)
class Topic:
    keywords: tuple[str, ...]  # runs of consecutive kept words, as they stood in the text
    words: tuple[str, ...]  # the kept words, distinct, in order

    @property
    def text(self) -> str:
        return " ".join(self.keywords)


def _word_list(name: str) -> frozenset[str]:
    path = analysis.search_config_dir() / name
    return _read_word_list(str(path))


@lru_cache(maxsize=8)
def _read_word_list(path: str) -> frozenset[str]:
    """Words separated by whitespace, '#' comments, normalised like the text."""
    words: set[str] = set()
    file = Path(path)
    if file.is_file():
        for line in file.read_text(encoding="utf-8").splitlines():
            words.update(analysis.normalise(w) for w in line.split("#", 1)[0].split())
    return frozenset(words)


def filler_words() -> frozenset[str]:
    return _word_list("query_filler.txt")


def generic_words() -> frozenset[str]:
    return _word_list("generic_words.txt")


def _single_cjk(word: str) -> bool:
    return len(word) == 1 and "\u3400" <= word <= "\u9fff"


def _kept(word: str, dropped: frozenset[str]) -> bool:
    if word in dropped:
        return False
    return not (DROP_SINGLE_CJK and _single_cjk(word))


def _runs_of(keyword: str, dropped: frozenset[str]) -> tuple[list[str], list[str]]:
    """(runs of consecutive kept words, kept words) of one keyword."""
    runs, words, current = [], [], []
    for piece in analysis.tokenizer().lcut(keyword):
        word = piece.strip()
        if word and analysis._is_token(word) and _kept(word, dropped):
            current.append(word)
            words.append(word)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs, _joined_singles(words)


def _joined_singles(words: list[str]) -> list[str]:
    """Consecutive single CJK characters as one word: jieba leaves a word it does not know
    in characters ("镍钴" -> "镍", "钴"), and the characters alone say little."""
    joined: list[str] = []
    previous_single = False
    for word in words:
        single = _single_cjk(word)
        if single and previous_single:
            joined[-1] += word
        else:
            joined.append(word)
        previous_single = single
    return joined


@lru_cache(maxsize=4096)
def topic(text: str) -> Topic:
    """The topic keywords and words of a query's plain text (normalised here)."""
    dropped = filler_words() | analysis.load_stopwords()
    keywords: dict[str, None] = {}
    words: dict[str, None] = {}
    for keyword in analysis.query_keywords(text):
        runs, kept = _runs_of(keyword, dropped)
        keywords.update(dict.fromkeys(runs))
        words.update(dict.fromkeys(kept))
    return _without_generic_runs(Topic(tuple(keywords), tuple(words)))


def _without_generic_runs(found: Topic) -> Topic:
    """A run that is one generic word on its own ("…的技术") says nothing of the topic
    once other runs do: it is dropped, with its word unless another run holds it."""
    if not DROP_GENERIC_RUNS:
        return found
    kept = tuple(k for k in found.keywords if not is_generic(k))
    if not kept:
        return found
    words = tuple(w for w in found.words if not is_generic(w) or any(w in k for k in kept))
    return Topic(kept, words)


def is_generic(word: str) -> bool:
    return word in generic_words() or word in analysis.load_stopwords()


def specific_words(words: tuple[str, ...] | list[str],
                   doc_share: Callable[[str], float] | None = None,
                   max_share: float = 1.0) -> list[str]:
    """The words that may decide membership: not generic by the list, and (given
    ``doc_share``) found in at most ``max_share`` of the documents."""
    kept = [w for w in words if not is_generic(w) and not _single_cjk(w)]
    if doc_share is None or max_share >= 1.0:
        return kept
    return [w for w in kept if doc_share(w) <= max_share]


def reset() -> None:
    """Forget the loaded lists (tests that change the config files)."""
    _read_word_list.cache_clear()
    topic.cache_clear()
