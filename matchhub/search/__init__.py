"""Search backends chosen by name from the SEARCH_BACKENDS setting."""

from importlib import import_module
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from matchhub.search.backends.base import BaseSearchBackend


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


def get_search_backend(name: str = "default") -> BaseSearchBackend:
    backends = current_app.extensions.setdefault("matchhub_search", {})
    if name not in backends:
        settings = current_app.config["SEARCH_BACKENDS"]
        if name not in settings:
            raise InvalidSearchBackendError(f"no search backend named {name!r}")
        params = dict(settings[name])
        params.setdefault("PATH", str(Path(current_app.config["DATA_DIR"]) / "search"))
        if name == "default" and current_app.config.get("EMBEDDING_MODEL"):
            params["EMBEDDING_MODEL"] = current_app.config["EMBEDDING_MODEL"]
        backends[name] = _load(params)
    return backends[name]


def init_app(app: Flask) -> None:
    """Fail at startup, not at the first query, on a misconfigured default backend."""
    with app.app_context():
        get_search_backend()
