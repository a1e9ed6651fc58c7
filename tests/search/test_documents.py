from dataclasses import replace

from matchhub.search.core.documents import content_checksum
from tests.search.contract import CATALOGUE


def test_checksum_is_stable_and_ignores_key_order():
    document = CATALOGUE[0]
    reordered = replace(document, texts=dict(reversed(document.texts.items())))
    assert content_checksum(document) == content_checksum(reordered)
    assert len(content_checksum(document)) == 16


def test_checksum_changes_with_what_is_indexed():
    document = CATALOGUE[0]
    changed = replace(document, texts={**document.texts, "title": "新标题"})
    assert content_checksum(changed) != content_checksum(document)
    refiltered = replace(document, filters={**document.filters, "trl": 9})
    assert content_checksum(refiltered) != content_checksum(document)
