"""What counts as a match (totals, type tabs, facets, saved-search alerts), read once from
a backend's settings and applied alike by every backend (bench/search_precision.md).

- "tokens": ``min_should_match`` of the query's character tokens;
- "words": ``word_match`` of its specific topic words (at least ``word_match_min``), each
  as a phrase or a synonym;
- "either": one of those two;
- "relative": the documents scoring at least ``cut(topic words)`` of the best score,
  provided one of the best matches by "either" (the backends apply the cut).

Under all but "tokens" a query naming no specific topic word matches nothing.
"""

from dataclasses import dataclass
from typing import Any

from matchhub.search.core.analysed import needed_matches


@dataclass(frozen=True)
class MembershipRule:
    kind: str = "tokens"
    min_should_match: float = 0.2
    word_match: float = 0.5
    word_match_min: int = 2
    # "relative": the share of the best score, times the query's specific topic words
    # to ``relative_cut_power`` (0: the same for every query), at most ``relative_cut_max``.
    relative_cut: float = 0.2
    relative_cut_power: float = 0.0
    relative_cut_max: float = 0.6

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> "MembershipRule":
        default = cls()
        return cls(
            kind=str(params.get("MEMBERSHIP", default.kind)),
            min_should_match=float(params.get("MIN_SHOULD_MATCH", default.min_should_match)),
            word_match=float(params.get("WORD_MATCH", default.word_match)),
            word_match_min=int(params.get("WORD_MATCH_MIN", default.word_match_min)),
            relative_cut=float(params.get("RELATIVE_CUT", default.relative_cut)),
            relative_cut_power=float(params.get("RELATIVE_CUT_POWER",
                                                default.relative_cut_power)),
            relative_cut_max=float(params.get("RELATIVE_CUT_MAX", default.relative_cut_max)),
        )

    @property
    def by_words(self) -> bool:
        """Whether the topic words take part (all but "tokens")."""
        return self.kind != "tokens"

    @property
    def either(self) -> bool:
        """Whether the token requirement is an alternative to the words'."""
        return self.kind in ("either", "relative")

    def tokens_needed(self, tokens: int) -> int:
        return needed_matches(self.min_should_match, tokens)

    def words_needed(self, groups: int) -> int:
        return max(needed_matches(self.word_match, groups), min(groups, self.word_match_min))

    def cut(self, topic_words: int) -> float:
        """The share of the best score a member of a "relative" matched set must reach (a
        longer question asks for more of its words at once)."""
        return min(self.relative_cut_max,
                   self.relative_cut * max(1, topic_words) ** self.relative_cut_power)


TOKENS_ANY = MembershipRule(kind="tokens", min_should_match=0.0)  # any token: ranking only
