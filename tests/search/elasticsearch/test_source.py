"""Documents as Elasticsearch sources: the same tokens as the embedded backend."""

import pytest

from matchhub.search.backends.elasticsearch.source import (
    document_source,
    encode_binary,
    index_action,
    with_vector,
)
from matchhub.search.backends.embedded.tokens import analyse_document, combined_text
from matchhub.search.core import analysis
from matchhub.search.core.documents import content_checksum
from tests.search.contract import CATALOGUE


def test_search_fields_hold_the_embedded_backends_tokens():
    document = CATALOGUE[0]
    source = document_source(document)
    for name, text in document.texts.items():
        assert source[name] == analysis.mixed_text(text)
        assert source["original"][name] == text
    one_copy = combined_text({"title": document.texts["title"]}, {"title": 1})
    assert source["title"].split() == one_copy.split()


def test_filters_suggestions_and_checksum():
    document = CATALOGUE[0]
    source = document_source(document)
    assert source["modes"] == ["transfer", "license"]
    assert source["price"] == 50_000_000 and source["price_negotiable"] == 0
    assert source["suggest"] == [analysis.normalise(document.texts["title"])]
    assert source["checksum"] == content_checksum(document)
    assert "embedding" not in source
    assert (source["key"], source["item_type"], source["item_id"]) == \
        ("achievement:1", "achievement", 1)


def test_missing_values_are_left_out():
    source = document_source(CATALOGUE[2])  # no price
    assert "price" not in source


def test_undeclared_text_fields_are_refused():
    document = CATALOGUE[0]
    odd = type(document)(document.item_type, document.item_id, {"summary": "x"}, {})
    with pytest.raises(ValueError, match="summary"):
        document_source(odd)


def test_vector_and_action():
    source = with_vector({"key": "need:5"}, [0.5, 1])
    assert source["embedding"] == [0.5, 1.0]
    assert index_action("matchhub_1", source) == {
        "_op_type": "index", "_index": "matchhub_1", "_id": "need:5", "_source": source}


def test_the_profile_is_the_embedded_backends():
    for document in CATALOGUE:
        embedded = analyse_document(document, {"title": 3, "keywords": 2})["profile"]
        assert embedded  # a profile with terms, not an empty one on both sides
        assert document_source(document)["profile"] == encode_binary(embedded)
