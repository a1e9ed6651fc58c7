"""Why an item matched: which topic words of the query (or their synonyms) the item holds,
in plain Chinese. A reason names a whole word of the query (a jieba word that carries its
topic: understanding.topic) found in one field, never a part of one and never a generic
word; a hit shows at most ``MAX_CHIPS`` of them, strongest first.
"""

from dataclasses import dataclass

from markupsafe import Markup

from matchhub.search.core import analysis, highlight, understanding
from matchhub.search.core.highlight import comparable
from matchhub.search.core.query import ParsedText

FIELD_LABELS = {"title": "标题", "keywords": "关键词", "body": "简介", "org": "机构"}
FIELD_ORDER = ("title", "keywords", "body", "org")  # a chip's strength: its field first
MAX_CHIPS = 3


@dataclass(frozen=True)
class Reason:
    code: str  # "term" (a query word found), "synonym" (its synonym found), "semantic"
    field: str
    term: str
    matched: tuple[str, ...]
    label: str


def query_terms(parsed: ParsedText, synonym_weight: float = 0.5) -> list[analysis.ExpandedTerm]:
    """The query's specific topic words, each followed by its synonyms."""
    found = understanding.topic(parsed.plain) if parsed.plain else understanding.Topic((), ())
    specific = [w for w in found.words if not understanding.is_generic(w)]
    # A run of several words holding a specific one is a phrase worth naming whole.
    phrases = [k for k in found.keywords if k not in found.words
               and any(w in k for w in specific)]
    terms: dict[str, analysis.ExpandedTerm] = {}
    for word in [*phrases, *specific, *parsed.phrases]:
        for term in analysis.expand_query(word, synonym_weight=synonym_weight):
            terms.setdefault(term.text, term)
    return list(terms.values())


def _reason(term: analysis.ExpandedTerm, field: str, text: str) -> Reason | None:
    if term.text not in text:
        return None
    where = FIELD_LABELS.get(field, field)
    code = "synonym" if term.source == "synonym" else "term"
    note = "（同义词）" if term.source == "synonym" else ""
    return Reason(code, field, term.text, (term.text,), f"{where}包含「{term.text}」{note}")


def reasons_for(terms: list[analysis.ExpandedTerm], texts: dict[str, str]) -> list[Reason]:
    """Every (term, field) found: the item's texts hold the term as written."""
    return _reasons(terms, {field: comparable(raw or "") for field, raw in texts.items()})


def _reasons(terms: list[analysis.ExpandedTerm], comparables: dict[str, str]) -> list[Reason]:
    found: list[Reason] = []
    for field, text in comparables.items():
        found += [r for r in (_reason(t, field, text) for t in terms) if r is not None]
    return found


def _strength(reason: Reason) -> tuple:
    """The field first (a title says most), then longer phrases, query words before
    synonyms."""
    field = FIELD_ORDER.index(reason.field) if reason.field in FIELD_ORDER else len(FIELD_ORDER)
    return (field, -len(reason.term), reason.code != "term")


def chips(reasons: list[Reason], limit: int = MAX_CHIPS) -> list[Reason]:
    """The strongest reason of each term, strongest first, at most ``limit``."""
    best: dict[str, Reason] = {}
    for reason in sorted(reasons, key=_strength):
        if not any(reason.term in chosen for chosen in best):  # a part of a chip named
            best.setdefault(reason.term, reason)
    return list(best.values())[:limit]


def explained(terms: list[analysis.ExpandedTerm], texts: dict[str, str]
              ) -> tuple[list[Reason], dict[str, Markup]]:
    """The chips (at most ``MAX_CHIPS``) and each non-empty text's highlighted snippet
    (every word found marked), every text normalised once for both."""
    comparables = {field: comparable(raw or "") for field, raw in texts.items()}
    reasons = _reasons(terms, comparables)
    snippets = {field: highlight.snippet(raw, needles(reasons, field),
                                         haystack=comparables[field])
                for field, raw in texts.items() if raw}
    return chips(reasons), snippets


def semantic_reason(similarity: float | None) -> Reason:
    label = "相近结果" + (f"（语义相似度 {similarity:.2f}）" if similarity is not None else "")
    return Reason("semantic", "", "", (), label)


def needles(reasons: list[Reason], field: str) -> list[str]:
    return [m for r in reasons if r.field == field for m in r.matched]
