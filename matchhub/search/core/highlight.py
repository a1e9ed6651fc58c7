"""Highlighted snippets: the matched parts of a field marked, everything escaped."""

from dataclasses import dataclass

from markupsafe import Markup, escape

from matchhub.search.core import analysis

WINDOW = 90  # characters of context in a snippet


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _comparable_char(char: str) -> str:
    normalised = analysis.normalise(char) or char
    return normalised if len(normalised) == 1 else char


class _ComparableTable(dict):
    """str.translate's table, filled as characters are met: each is normalised once."""

    def __missing__(self, ordinal: int) -> str:
        self[ordinal] = _comparable_char(chr(ordinal))
        return self[ordinal]


_COMPARABLE = _ComparableTable()


def comparable(text: str) -> str:
    """The text normalised character by character, so positions match the original.
    Characters are few and repeat, so each is normalised once (highlighting every hit of a
    result page is otherwise most of the page's time)."""
    return text.translate(_COMPARABLE)


def find_spans(text: str, needles: list[str], haystack: str | None = None) -> list[Span]:
    """Non-overlapping occurrences of the needles (longest first) in the text;
    ``haystack`` is ``comparable(text)`` when the caller has it already."""
    haystack = comparable(text) if haystack is None else haystack
    taken = [False] * len(text)
    spans: list[Span] = []
    for needle in sorted({n for n in needles if n}, key=len, reverse=True):
        start = haystack.find(needle)
        while start != -1:
            end = start + len(needle)
            if not any(taken[start:end]):
                spans.append(Span(start, end))
                taken[start:end] = [True] * (end - start)
            start = haystack.find(needle, end)
    return sorted(spans, key=lambda s: s.start)


def _window(text: str, spans: list[Span], width: int) -> tuple[int, int]:
    if not spans or len(text) <= width:
        return 0, min(len(text), width)
    best = max(spans, key=lambda s: sum(1 for o in spans if s.start <= o.start < s.start + width))
    start = max(0, best.start - width // 4)
    return start, min(len(text), start + width)


def snippet(text: str, needles: list[str], width: int = WINDOW,
            haystack: str | None = None) -> Markup:
    """An escaped window of the text around its densest matches, matches in <mark>."""
    spans = find_spans(text, needles, haystack)
    start, end = _window(text, spans, width)
    parts, cursor = [], start
    for span in spans:
        if span.start < start or span.end > end:
            continue
        parts += [escape(text[cursor:span.start]), "<mark>",
                  escape(text[span.start:span.end]), "</mark>"]
        cursor = span.end
    parts.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    # Every part is escaped above: joined as plain strings, marked safe once.
    return Markup(prefix + "".join(parts) + suffix)
