"""Search backends chosen by name from the SEARCH_BACKENDS setting.

Each backend module exports ``SearchBackend``; backends import the search core and
matchhub.core only. ``get_search_backend`` loads and keeps one per app.
"""

from importlib import import_module
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from matchhub.core.settings import ConfigError
from matchhub.search.backends.base import BaseSearchBackend
from matchhub.search.core.registry import field_repeats


class InvalidSearchBackendError(RuntimeError):
    """The named backend is not configured, cannot be imported or is not enabled."""


def _load(params: dict[str, Any]) -> BaseSearchBackend:
    path = params.get("BACKEND", "")
    try:
        module = import_module(path)
        backend_class = module.SearchBackend
    except (ImportError, AttributeError) as exc:
        raise InvalidSearchBackendError(f"cannot load search backend {path!r}: {exc}") from exc
    if not backend_class.enabled():
        raise InvalidSearchBackendError(f"search backend {path!r} is missing a dependency")
    return backend_class(params)


def _params(name: str) -> dict[str, Any]:
    """A backend's settings; MATCHHUB_ES_URL makes "elasticsearch" the default."""
    settings = current_app.config["SEARCH_BACKENDS"]
    es_url = current_app.config.get("ES_URL")
    if name == "default" and es_url and "elasticsearch" in settings:
        return {**settings["elasticsearch"], "URL": es_url}
    if name not in settings:
        raise InvalidSearchBackendError(f"no search backend named {name!r}")
    params = dict(settings[name])
    if name == "elasticsearch" and es_url and not params.get("URL"):
        params["URL"] = es_url
    return params


def get_search_backend(name: str = "default") -> BaseSearchBackend:
    backends = current_app.extensions.setdefault("matchhub_search", {})
    if name not in backends:
        params = _params(name)
        params.setdefault("PATH", str(Path(current_app.config["DATA_DIR"]) / "search"))
        if name == "default" and current_app.config.get("EMBEDDING_MODEL"):
            params["EMBEDDING_MODEL"] = current_app.config["EMBEDDING_MODEL"]
        backends[name] = _load(params)
    return backends[name]


def check_field_repeats(settings: dict[str, dict[str, Any]]) -> None:
    """Field weights come from the index specs' boosts; a FIELD_REPEATS setting that
    says otherwise is refused rather than silently ranking by other weights."""
    declared = field_repeats()
    for name, params in settings.items():
        configured = params.get("FIELD_REPEATS")
        if configured and dict(configured) != declared:
            raise ConfigError(
                f"SEARCH_BACKENDS[{name!r}]['FIELD_REPEATS'] is {dict(configured)}, but the "
                f"index specs declare the boosts {declared} (SearchField(boost=...) in the "
                "features' search.py): change the declarations, or drop the setting")


def init_app(app: Flask) -> None:
    """Fail at startup, not at the first query, on a misconfigured default backend."""
    check_field_repeats(app.config["SEARCH_BACKENDS"])
    with app.app_context():
        get_search_backend()
