"""Turn SearchDocuments into tantivy documents of pre-analysed tokens."""

import tantivy

from matchhub.search import analysis
from matchhub.search.backends.embedded.schema import MIXED_SUFFIX, NUMERIC_KINDS, SUGGEST_FIELD
from matchhub.search.documents import SearchDocument
from matchhub.search.fields import FILTER_FIELDS


def positional_char_tokens(text: str, *, normalised: bool = False) -> list[str]:
    """CJK unigrams and bigrams interleaved (c1, c1c2, c2, c2c3, …) so that bigram k sits at
    position 2k+1 of its run and a phrase can be matched with offsets; Latin runs whole.
    Runs are separated by a gap so that no phrase spans punctuation."""
    tokens: list[str] = []
    for kind, run in analysis.runs(text, normalised=normalised):
        if kind == "latin":
            tokens.append(run)
            continue
        for i, char in enumerate(run):
            tokens.append(char)
            if i + 1 < len(run):
                tokens.append(run[i : i + 2])
    return tokens


def to_tantivy(document: SearchDocument) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_text("key", document.key)
    doc.add_text("item_type", document.item_type)
    doc.add_unsigned("item_id", document.item_id)
    for name, text in document.texts.items():
        _add_text(doc, name, text)
    for name, value in document.filters.items():
        _add_filter(doc, name, value)
    for suggestion in document.suggestions:
        doc.add_text(SUGGEST_FIELD, analysis.normalise(suggestion))
    return doc


def _add_text(doc: tantivy.Document, name: str, text: str) -> None:
    if not text:
        return
    normalised = analysis.normalise(text)
    tokens = positional_char_tokens(normalised, normalised=True)
    tokens += analysis.words(normalised, normalised=True)
    doc.add_text(name + MIXED_SUFFIX, " ".join(tokens))


def _add_filter(doc: tantivy.Document, name: str, value) -> None:
    if value is None:
        return
    values = value if isinstance(value, list) else [value]
    numeric = FILTER_FIELDS[name] in NUMERIC_KINDS
    for single in values:
        if numeric:
            doc.add_integer(name, int(single))
        else:
            doc.add_text(name, str(single))
