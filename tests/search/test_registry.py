"""Features register their index specs; boosts, field repeats and filter kinds derive
from them, and a FIELD_REPEATS setting that disagrees is refused at startup."""

import dataclasses

import pytest

from matchhub import create_app
from matchhub.catalog.search import ACHIEVEMENT_INDEX
from matchhub.core.settings import ConfigError
from matchhub.search.core import registry
from matchhub.search.core.fields import FilterField, SearchField


def test_the_weights_are_the_declared_boosts(app):
    assert registry.field_repeats() == {"title": 3, "keywords": 2, "body": 1, "org": 1}
    assert registry.search_field_names() == ("title", "keywords", "body", "org")
    assert list(registry.specs()) == ["achievement", "need", "organisation", "broker"]


def test_filter_kinds_come_from_the_specs(app):
    kinds = registry.filter_kinds()
    assert kinds["price"] == "money" and kinds["org_kind"] == "keyword"
    assert list(kinds) == sorted(kinds)


def test_registering_again_is_harmless_but_a_second_spec_is_refused(app):
    registry.register(ACHIEVEMENT_INDEX)
    other = dataclasses.replace(ACHIEVEMENT_INDEX)
    with pytest.raises(registry.SpecConflict, match="registered twice"):
        registry.register(other)


def test_one_field_has_one_boost_and_one_kind(app):
    fields = (SearchField("title", 2.0, lambda i: ""),)
    with pytest.raises(registry.SpecConflict, match="boosts 3 and 2"):
        registry.register(dataclasses.replace(ACHIEVEMENT_INDEX, item_type="x",
                                              search_fields=fields))
    filters = (FilterField("trl", "keyword", lambda i: ""),)
    with pytest.raises(registry.SpecConflict, match="'trl' has kinds"):
        registry.register(dataclasses.replace(ACHIEVEMENT_INDEX, item_type="y",
                                              filter_fields=filters, search_fields=()))
    assert list(registry.specs()) == ["achievement", "need", "organisation", "broker"]


def test_field_repeats_that_disagree_with_the_specs_refuse_to_start(tmp_path):
    backends = {"default": {"BACKEND": "matchhub.search.backends.embedded",
                            "FIELD_REPEATS": {"title": 3, "keywords": 2, "body": 1,
                                              "org": 0.5}}}
    with pytest.raises(ConfigError, match="FIELD_REPEATS.*index specs declare"):
        create_app({"DATA_DIR": str(tmp_path), "SEARCH_BACKENDS": backends})
