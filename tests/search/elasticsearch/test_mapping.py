"""The index settings and mapping generated from the field declarations (offline: these
say nothing about whether a server accepts them)."""

from matchhub.search.backends.elasticsearch import mapping
from matchhub.search.core.registry import filter_kinds, search_field_names


def test_config_files_equal_what_the_declarations_generate():
    directory = mapping.config_dir()
    assert mapping.load_json(mapping.SETTINGS_FILE, directory) == mapping.build_settings()
    assert mapping.load_json(mapping.MAPPINGS_FILE, directory) == mapping.build_mapping()
    for name, generated in ((mapping.SETTINGS_FILE, mapping.build_settings()),
                            (mapping.MAPPINGS_FILE, mapping.build_mapping())):
        text = (directory / name).read_text(encoding="utf-8")
        assert text == mapping.render(generated), "run `matchhub search write-mapping`"


def test_every_declared_field_is_mapped():
    properties = mapping.build_mapping()["properties"]
    for name in search_field_names():
        assert properties[name] == {"type": "text", "analyzer": mapping.TOKENS_ANALYZER}
        assert properties["original"]["properties"][name]["analyzer"] == "standard"
    for name, kind in filter_kinds().items():
        assert properties[name]["type"] == mapping.FILTER_TYPES[kind]
    assert properties["price"]["type"] == "long"  # cents overflow an integer
    assert mapping.build_mapping()["dynamic"] == "strict"


def test_pre_segmented_fields_only_split_on_whitespace():
    analyzer = mapping.build_settings()["analysis"]["analyzer"][mapping.TOKENS_ANALYZER]
    assert analyzer == {"type": "custom", "tokenizer": "whitespace"}


def test_vector_field_only_with_a_model():
    assert mapping.VECTOR_FIELD not in mapping.build_mapping()["properties"]
    vector = mapping.with_vector(mapping.build_mapping(), 512)["properties"]["embedding"]
    assert vector == {"type": "dense_vector", "dims": 512, "index": True,
                      "similarity": "cosine",
                      "index_options": {"type": "hnsw", "m": 16, "ef_construction": 100}}


def test_ik_sub_field_is_optional():
    plain = mapping.index_body({}, None)["mappings"]
    assert "fields" not in plain["properties"]["original"]["properties"]["title"]
    with_ik = mapping.index_body({"IK_SUBFIELD": True}, None)["mappings"]
    title = with_ik["properties"]["original"]["properties"]["title"]
    assert title["fields"]["ik"]["analyzer"] == "ik_max_word"


def test_params_override_shards_and_replicas():
    body = mapping.index_body({"SHARDS": 3, "REPLICAS": 1}, 8)
    assert body["settings"]["index"] == {"number_of_shards": 3, "number_of_replicas": 1}
    assert body["mappings"]["properties"]["embedding"]["dims"] == 8


def test_write_config_round_trips(tmp_path):
    mapping.write_config(tmp_path)
    assert mapping.load_json(mapping.MAPPINGS_FILE, tmp_path) == mapping.build_mapping()


def test_the_profile_is_stored_not_searched():
    assert mapping.build_mapping()["properties"][mapping.PROFILE_FIELD] == {"type": "binary"}


def test_fields_an_older_index_lacks_are_found_for_adding():
    live = mapping.build_mapping()["properties"]
    assert mapping.missing_fields(live) == {}
    older = {name: field for name, field in live.items() if name != mapping.PROFILE_FIELD}
    assert mapping.missing_fields(older) == {mapping.PROFILE_FIELD: {"type": "binary"}}
