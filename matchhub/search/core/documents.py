"""Backend-neutral documents built from model rows through their registered IndexSpec."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from matchhub.search.core import registry
from matchhub.search.core.fields import IndexSpec, filter_value_for_index

# Stable small codes, so (item_type, id) packs into one integer key (vector stores).
TYPE_CODES = {"achievement": 1, "need": 2, "organisation": 3, "broker": 4}
TYPE_BY_CODE = {code: name for name, code in TYPE_CODES.items()}
ID_BITS = 40
DOCUMENT_CHARS = 512  # the text embedded per document: title, keywords, start of the body


@dataclass
class SearchDocument:
    item_type: str
    item_id: int
    texts: dict[str, str]
    filters: dict[str, Any]
    suggestions: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return doc_key(self.item_type, self.item_id)

    @property
    def int_key(self) -> int:
        return int_key(self.item_type, self.item_id)

    @property
    def checksum(self) -> str:
        return content_checksum(self)


def content_checksum(document: SearchDocument) -> str:
    """What ``indexer verify`` compares: 16 hex digits (64 bits) of the SHA-256 of the
    document's canonical JSON. Backends store it with the document at index time."""
    content = [document.item_type, document.item_id, document.texts, document.filters,
               document.suggestions]
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                           default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def document_text(document: SearchDocument) -> str:
    """The text embedded for semantic search: title, keywords and the start of the body."""
    texts = document.texts
    parts = [texts.get("title", ""), texts.get("keywords", ""), texts.get("body", "")]
    return "\n".join(p for p in parts if p)[:DOCUMENT_CHARS]


def doc_key(item_type: str, item_id: int) -> str:
    return f"{item_type}:{item_id}"


def int_key(item_type: str, item_id: int) -> int:
    return (TYPE_CODES[item_type] << ID_BITS) | item_id


def split_int_key(key: int) -> tuple[str, int]:
    return TYPE_BY_CODE[key >> ID_BITS], key & ((1 << ID_BITS) - 1)


def document_texts(spec: IndexSpec, item: Any) -> dict[str, str]:
    """The item's searchable texts by field, as indexed."""
    return {f.name: (f.source(item) or "").strip() for f in spec.search_fields}


def build_document(spec: IndexSpec, item: Any) -> SearchDocument:
    texts = document_texts(spec, item)
    filters = {f.name: _filter_value(f, item) for f in spec.filter_fields}
    suggestions = [s for a in spec.autocomplete for s in a.source(item) if s]
    return SearchDocument(spec.item_type, item.id, texts, filters, suggestions)


def _filter_value(declared, item) -> Any:
    value = declared.source(item)
    if declared.multi:
        return [filter_value_for_index(declared.kind, v) for v in value or []]
    return filter_value_for_index(declared.kind, value)


def document_or_none(item: Any, today: dt.date) -> SearchDocument | None:
    """The item's document when it belongs in the public index, else None (delete it)."""
    spec = registry.spec_for(item)
    if spec is None or not spec.is_public(item, today):
        return None
    return build_document(spec, item)
