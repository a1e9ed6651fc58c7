"""Choosing and constructing the Elasticsearch backend, without a server: nothing here
talks to Elasticsearch (the one connection attempt goes to a closed local port)."""

import inspect

import pytest
from flask import current_app

from matchhub.core.settings import ConfigError
from matchhub.search.backends import _params
from matchhub.search.backends.base import BaseSearchBackend
from matchhub.search.backends.elasticsearch import ElasticsearchSearchBackend
from matchhub.search.backends.elasticsearch.backend import redact
from matchhub.search.core.registry import field_boosts


def test_es_url_makes_elasticsearch_the_default(monkeypatch):
    assert _params("default")["BACKEND"] == "matchhub.search.backends.embedded"
    monkeypatch.setitem(current_app.config, "ES_URL", "http://127.0.0.1:9200")
    params = _params("default")
    assert params["BACKEND"] == "matchhub.search.backends.elasticsearch"
    assert params["URL"] == "http://127.0.0.1:9200"
    assert _params("elasticsearch")["URL"] == "http://127.0.0.1:9200"


def test_the_backend_needs_a_url():
    with pytest.raises(ConfigError, match="MATCHHUB_ES_URL"):
        ElasticsearchSearchBackend({})


def test_the_backend_implements_the_whole_interface():
    assert ElasticsearchSearchBackend.enabled()
    for name, member in inspect.getmembers(BaseSearchBackend, inspect.isfunction):
        if not name.startswith("_") and name not in {"search", "add"}:
            assert getattr(ElasticsearchSearchBackend, name) is not member, name


def test_boosts_come_from_the_field_declarations():
    assert field_boosts() == {"title": 3.0, "keywords": 2.0, "body": 1.0, "org": 1.0}
    assert ElasticsearchSearchBackend({"URL": "http://127.0.0.1:9"}).text.boosts == field_boosts()
    backend = ElasticsearchSearchBackend({"URL": "http://127.0.0.1:9",
                                          "FIELD_BOOSTS": {"title": 5.0}})
    assert backend.text.boosts == {"title": 5.0}


def test_status_without_a_server_says_why_and_hides_credentials():
    backend = ElasticsearchSearchBackend({"URL": "http://elastic:secret@127.0.0.1:9",
                                          "TIMEOUT": 1})
    status = backend.status()
    assert status["ok"] is False and "ConnectionError" in status["error"]
    assert status["url"] == "http://127.0.0.1:9"
    assert "secret" not in str(status)


def test_redact():
    assert redact("https://u:p@es.example:9243/prefix") == "https://es.example:9243/prefix"
    assert redact("http://127.0.0.1:9200") == "http://127.0.0.1:9200"
