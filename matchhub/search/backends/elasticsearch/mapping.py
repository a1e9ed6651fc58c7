"""The Elasticsearch index settings and mapping, generated from the field declarations.

Text reaches Elasticsearch already segmented by ``matchhub.search.core.analysis`` (the jieba
pipeline of the embedded backend): each search field holds its "mixed" tokens separated
by spaces and is analysed with the whitespace tokenizer only, so both backends index the
same tokens and no Elasticsearch plugin is needed. The original text is kept under
``original.*`` (standard analyzer) for highlighting and, when the IK plugin is installed
and IK_SUBFIELD is on, an ``ik_max_word`` sub-field of it. Each document's term profile
for neighbour smoothing is a ``binary`` field (base64 in ``_source``, not searchable).

The backend creates indexes from the JSON in ``config/search/elasticsearch/``. This module
writes those files (``matchhub search write-mapping``, from the registered specs) and a
test checks that they equal what the declarations generate, so they cannot drift.
"""

import copy
import json
from pathlib import Path
from typing import Any

from matchhub.core.settings import parse_bool
from matchhub.search.core.analysis import search_config_dir
from matchhub.search.core.registry import filter_kinds, search_field_names

TOKENS_ANALYZER = "matchhub_tokens"
ORIGINAL = "original"
SUGGEST_FIELD = "suggest"
CHECKSUM_FIELD = "checksum"
# The document's term profile for neighbour smoothing (matchhub.search.core.neighbours), base64
# in _source; a binary field is neither searchable nor given doc values.
PROFILE_FIELD = "profile"
VECTOR_FIELD = "embedding"
IK_SUBFIELD = "ik"
# Numbers as the indexes store them: money in cents, dates as ordinal days, bools 0/1.
FILTER_TYPES = {"keyword": "keyword", "int": "integer", "money": "long", "date": "integer",
                "bool": "byte"}
HNSW_OPTIONS = {"type": "hnsw", "m": 16, "ef_construction": 100}
SETTINGS_FILE = "settings.json"
MAPPINGS_FILE = "mappings.json"


def config_dir() -> Path:
    return search_config_dir() / "elasticsearch"


def build_settings() -> dict[str, Any]:
    """One shard, no replica (a single node); REPLICAS and SHARDS override at creation."""
    return {
        "index": {"number_of_shards": 1, "number_of_replicas": 0},
        "analysis": {"analyzer": {TOKENS_ANALYZER: {"type": "custom",
                                                    "tokenizer": "whitespace"}}},
    }


def _original_field() -> dict[str, Any]:
    return {"type": "text", "analyzer": "standard", "index_options": "offsets"}


def build_mapping() -> dict[str, Any]:
    """The mapping without the optional parts (IK sub-fields, the vector field)."""
    properties: dict[str, Any] = {
        "key": {"type": "keyword"},
        "item_type": {"type": "keyword"},
        "item_id": {"type": "long"},
    }
    for name in search_field_names():
        properties[name] = {"type": "text", "analyzer": TOKENS_ANALYZER}
    properties[ORIGINAL] = {"properties": {name: _original_field()
                                           for name in search_field_names()}}
    for name, kind in filter_kinds().items():
        properties[name] = {"type": FILTER_TYPES[kind]}
    properties[SUGGEST_FIELD] = {"type": "keyword"}
    properties[CHECKSUM_FIELD] = {"type": "keyword", "index": False}
    properties[PROFILE_FIELD] = {"type": "binary"}
    return {"dynamic": "strict", "properties": properties}


def missing_fields(live_properties: dict[str, Any]) -> dict[str, Any]:
    """The generated mapping's top-level fields an existing index lacks (it was created
    before they were declared). The mapping is strict, so documents carrying them would be
    refused until the fields are added (``put_mapping``; new fields only, none changed)."""
    wanted = build_mapping()["properties"]
    return {name: field for name, field in wanted.items() if name not in live_properties}


def with_ik(mapping: dict[str, Any]) -> dict[str, Any]:
    """The mapping plus an ``ik_max_word`` sub-field of each original text (IK plugin)."""
    mapping = copy.deepcopy(mapping)
    for field in mapping["properties"][ORIGINAL]["properties"].values():
        field["fields"] = {IK_SUBFIELD: {"type": "text", "analyzer": "ik_max_word",
                                         "search_analyzer": "ik_smart"}}
    return mapping


def with_vector(mapping: dict[str, Any], dims: int) -> dict[str, Any]:
    """The mapping plus the ``dense_vector`` field (cosine, HNSW) for ``dims``."""
    mapping = copy.deepcopy(mapping)
    mapping["properties"][VECTOR_FIELD] = {"type": "dense_vector", "dims": dims, "index": True,
                                           "similarity": "cosine",
                                           "index_options": dict(HNSW_OPTIONS)}
    return mapping


def load_json(name: str, directory: Path | None = None) -> dict[str, Any]:
    return json.loads(((directory or config_dir()) / name).read_text(encoding="utf-8"))


def index_body(params: dict[str, Any], vector_dims: int | None) -> dict[str, Any]:
    """Settings and mappings for a new index: the config files, then the backend's params."""
    settings = load_json(SETTINGS_FILE)
    mapping = load_json(MAPPINGS_FILE)
    if params.get("SHARDS") is not None:
        settings["index"]["number_of_shards"] = int(params["SHARDS"])
    if params.get("REPLICAS") is not None:
        settings["index"]["number_of_replicas"] = int(params["REPLICAS"])
    if parse_bool(params.get("IK_SUBFIELD", False), "IK_SUBFIELD"):
        mapping = with_ik(mapping)
    if vector_dims:
        mapping = with_vector(mapping, vector_dims)
    return {"settings": settings, "mappings": mapping}


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_config(directory: Path | None = None) -> list[Path]:
    directory = directory or config_dir()
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in ((SETTINGS_FILE, build_settings()), (MAPPINGS_FILE, build_mapping())):
        (directory / name).write_text(render(data), encoding="utf-8")
        written.append(directory / name)
    return written

