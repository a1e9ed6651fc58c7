"""Turn SearchDocuments into tantivy documents of pre-analysed tokens.

Analysis (the costly, pure-Python part) yields a plain dict that can cross process
boundaries, so bulk loads analyse on every core and one writer adds the results.
"""

import multiprocessing
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from typing import Any

import tantivy

from matchhub.search.backends.embedded.schema import (
    NUMERIC_KINDS,
    PROFILE_FIELD,
    SEPARATOR,
    SUGGEST_FIELD,
    TEXT_FIELD,
)
from matchhub.search.core import analysis
from matchhub.search.core.analysis import mixed_text
from matchhub.search.core.documents import SearchDocument
from matchhub.search.core.neighbours import fields_profile
from matchhub.search.core.registry import filter_kinds


def _field_texts(texts: dict[str, str]) -> dict[str, str]:
    return {name: mixed_text(text) for name, text in texts.items() if text}


def _repeated(mixed: dict[str, str], repeats: dict[str, int]) -> str:
    copies = []
    for name, text in mixed.items():
        copies += [text] * repeats.get(name, 1)
    return f" {SEPARATOR} ".join(copies)


def combined_text(texts: dict[str, str], repeats: dict[str, int]) -> str:
    """Every field's tokens, each field repeated ``repeats[name]`` times, copies separated."""
    return _repeated(_field_texts(texts), repeats)


def analyse_document(document: SearchDocument, repeats: dict[str, int]) -> dict[str, Any]:
    """Everything tantivy needs, as plain data."""
    mixed = _field_texts(document.texts)
    return {
        "key": document.key,
        "item_type": document.item_type,
        "item_id": document.item_id,
        "int_key": document.int_key,
        "checksum": int(document.checksum, 16),
        "text": _repeated(mixed, repeats),
        "profile": fields_profile(mixed.values()),
        "filters": {name: value for name, value in document.filters.items() if value is not None},
        "suggest": [analysis.normalise(s) for s in document.suggestions],
    }


def to_tantivy(analysed: dict[str, Any]) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_text("key", analysed["key"])
    doc.add_text("item_type", analysed["item_type"])
    doc.add_unsigned("item_id", analysed["item_id"])
    doc.add_unsigned("int_key", analysed["int_key"])
    doc.add_unsigned("checksum", analysed["checksum"])
    if analysed["text"]:
        doc.add_text(TEXT_FIELD, analysed["text"])
    for name, value in analysed["filters"].items():
        _add_filter(doc, name, value)
    for suggestion in analysed["suggest"]:
        doc.add_text(SUGGEST_FIELD, suggestion)
    doc.add_bytes(PROFILE_FIELD, analysed["profile"])
    return doc


def _add_filter(doc: tantivy.Document, name: str, value) -> None:
    values = value if isinstance(value, list) else [value]
    numeric = filter_kinds()[name] in NUMERIC_KINDS
    for single in values:
        if numeric:
            doc.add_integer(name, int(single))
        else:
            doc.add_text(name, str(single))


# Documents per task sent to an analysis worker. Small results keep the workers busy:
# a worker waits while the writer process reads a large result off the pipe (100,000
# items on 2 workers: 65 s with 256, 52 s with 32; 8 is as fast but costs more CPU).
SLICE = 32
# What a bulk load's forked workers analyse: inherited at the fork, never pickled.
_held: tuple[list[SearchDocument], dict[str, int]] = ([], {})


def default_signals() -> None:
    """Pool worker start-up: SIGTERM and SIGINT act as by default again. A forked worker
    inherits its parent's handlers (``indexer run`` sets a flag on SIGTERM), and a worker
    that survives the SIGTERM of ``Pool.terminate`` leaves the pool's exit waiting forever."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)


def _hold(documents: list[SearchDocument], repeats: dict[str, int]) -> None:
    global _held
    default_signals()
    _held = (documents, repeats)


def _analyse_slice(bounds: tuple[int, int]) -> list[dict[str, Any]]:
    documents, repeats = _held
    return [analyse_document(d, repeats) for d in documents[bounds[0] : bounds[1]]]


@contextmanager
def analysed_stream(documents: list[SearchDocument], repeats: dict[str, int],
                    workers: int) -> Iterator:
    """The documents analysed in order, by this process or by a pool of ``workers``
    forked with the documents in memory (only slice bounds and results are sent)."""
    if workers <= 1 or len(documents) < 1000:
        yield (analyse_document(d, repeats) for d in documents)
        return
    slices = [(start, start + SLICE) for start in range(0, len(documents), SLICE)]
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _hold, (documents, repeats)) as pool:
        yield chain.from_iterable(pool.imap(_analyse_slice, slices))
