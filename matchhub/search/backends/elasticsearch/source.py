"""SearchDocuments as Elasticsearch documents: pre-segmented text, filters, suggestions,
and the term profile for neighbour smoothing (computed as the embedded backend does).

Analysis (jieba, the costly pure-Python part) runs here, in this process or in a pool of
workers for bulk loads; vectors are added afterwards by the backend, batch by batch.
"""

import base64
import multiprocessing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from matchhub.search.backends.elasticsearch.mapping import (
    CHECKSUM_FIELD,
    ORIGINAL,
    PROFILE_FIELD,
    SUGGEST_FIELD,
    VECTOR_FIELD,
)
from matchhub.search.core import analysis
from matchhub.search.core.documents import SearchDocument, content_checksum
from matchhub.search.core.fields import FilterKind
from matchhub.search.core.neighbours import fields_profile
from matchhub.search.core.registry import filter_kinds, search_field_names


def es_value(kind: FilterKind, value: Any) -> Any:
    """A filter value as stored (already in index units: cents, ordinal days) for ES."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [es_value(kind, v) for v in value]
    if kind == "keyword":
        return str(value)
    return int(value)  # bools become 0/1, as in the embedded index


def filter_source(filters: dict[str, Any]) -> dict[str, Any]:
    kinds = filter_kinds()
    return {name: es_value(kinds[name], value) for name, value in filters.items()
            if value is not None}


def document_source(document: SearchDocument) -> dict[str, Any]:
    """The ``_source`` of a document, without the vector. The term profile is the
    embedded backend's (``neighbours.fields_profile`` of the same mixed texts)."""
    texts = {name: text for name, text in document.texts.items() if text}
    unknown = set(texts) - set(search_field_names())
    if unknown:
        raise ValueError(f"undeclared search fields {sorted(unknown)} in {document.key}")
    mixed = {name: analysis.mixed_text(text) for name, text in texts.items()}
    return {
        "key": document.key,
        "item_type": document.item_type,
        "item_id": document.item_id,
        **mixed,
        ORIGINAL: texts,
        **filter_source(document.filters),
        SUGGEST_FIELD: [s for s in (analysis.normalise(s) for s in document.suggestions) if s],
        CHECKSUM_FIELD: content_checksum(document),
        PROFILE_FIELD: encode_binary(fields_profile(mixed.values())),
    }


def encode_binary(data: bytes) -> str:
    """Bytes as a ``binary`` field takes them: base64 text."""
    return base64.b64encode(data).decode("ascii")


def with_vector(source: dict[str, Any], vector) -> dict[str, Any]:
    return {**source, VECTOR_FIELD: [float(x) for x in vector]}


def index_action(index: str, source: dict[str, Any]) -> dict[str, Any]:
    return {"_op_type": "index", "_index": index, "_id": source["key"], "_source": source}


@contextmanager
def analyser(workers: int = 1) -> Iterator[Callable[[list[SearchDocument]], list[dict]]]:
    """A function from documents to their sources: here, or in a pool of ``workers``."""
    if workers <= 1:
        yield lambda documents: [document_source(d) for d in documents]
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield lambda documents: pool.map(document_source, documents, chunksize=64)
