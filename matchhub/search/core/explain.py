"""Why an item matched: which query terms (or synonyms) hit which field, in plain Chinese."""

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from matchhub.search.core import analysis, highlight
from matchhub.search.core.highlight import comparable
from matchhub.search.core.query import ParsedText

FIELD_LABELS = {"title": "标题", "keywords": "关键词", "body": "简介", "org": "机构"}
MIN_PART = 2  # shortest sub-phrase worth reporting


@dataclass(frozen=True)
class Reason:
    code: str  # "term" (whole term found), "partial" (parts of it), "synonym", "semantic"
    field: str
    term: str
    matched: tuple[str, ...]
    label: str


def query_terms(parsed: ParsedText, synonym_weight: float = 0.5) -> list[analysis.ExpandedTerm]:
    return analysis.expand_query(parsed.positive_text, synonym_weight=synonym_weight)


@lru_cache(maxsize=4096)
def _sub_phrases(term: str) -> tuple[str, ...]:
    return tuple(analysis.sub_phrases(term, normalised=True, min_chars=MIN_PART))


def _parts_found(term: str, text: str) -> tuple[str, ...]:
    """The longest sub-phrases of the term present in the text, none inside another."""
    found: list[str] = []
    for part in _sub_phrases(term):
        if part in text and not any(part in longer for longer in found):
            found.append(part)
    return tuple(found)


def _reason(term: analysis.ExpandedTerm, field: str, text: str) -> Reason | None:
    where = FIELD_LABELS.get(field, field)
    if term.text in text:
        code = "synonym" if term.source == "synonym" else "term"
        note = "（同义词）" if term.source == "synonym" else ""
        return Reason(code, field, term.text, (term.text,), f"{where}包含「{term.text}」{note}")
    parts = _parts_found(term.text, text)
    if not parts:
        return None
    shown = "、".join(f"「{p}」" for p in parts[:3])
    label = f"{where}包含{shown}（部分匹配「{term.text}」）"
    return Reason("partial", field, term.text, parts, label)


def reasons_for(terms: list[analysis.ExpandedTerm], texts: dict[str, str]) -> list[Reason]:
    return _reasons(terms, {field: comparable(raw or "") for field, raw in texts.items()})


def _reasons(terms: list[analysis.ExpandedTerm], comparables: dict[str, str]) -> list[Reason]:
    found: list[Reason] = []
    for field, text in comparables.items():
        found += [r for r in (_reason(t, field, text) for t in terms) if r is not None]
    return found


def explained(terms: list[analysis.ExpandedTerm], texts: dict[str, str]
              ) -> tuple[list[Reason], dict[str, Markup]]:
    """The reasons the texts match and each non-empty text's highlighted snippet, every
    text normalised once for both."""
    comparables = {field: comparable(raw or "") for field, raw in texts.items()}
    reasons = _reasons(terms, comparables)
    snippets = {field: highlight.snippet(raw, needles(reasons, field),
                                         haystack=comparables[field])
                for field, raw in texts.items() if raw}
    return reasons, snippets


def semantic_reason(similarity: float | None) -> Reason:
    label = "语义相近" + (f"（相似度 {similarity:.2f}）" if similarity is not None else "")
    return Reason("semantic", "", "", (), label)


def needles(reasons: list[Reason], field: str) -> list[str]:
    return [m for r in reasons if r.field == field for m in r.matched]
