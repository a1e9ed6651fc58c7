"""Rate limits (Flask-Limiter): sign-in attempts per client address and the JSON API.

Counters live in Redis when MATCHHUB_REDIS_URL is set (shared by every worker of every
server), otherwise in a SQLite file in the data dir (``ratelimit_storage``: shared by the
workers of this server). The limiter is made per app rather than at module level: Flask-Limiter
keeps its storage and switch on the instance, and tests build several apps side by side.
"""

from pathlib import Path

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from matchhub.core import ratelimit_storage
from matchhub.core.settings import parse_bool

LOGIN_ENDPOINT = "accounts.login"
# Registering and asking for a reset link send emails: counted like sign-in attempts
# (each endpoint has its own count).
EMAILING_ENDPOINTS = ("accounts.register", "accounts.password_forgot")


def get_limiter(app: Flask) -> Limiter:
    return app.extensions["matchhub_limiter"]


def _not_api() -> bool:
    return not request.path.startswith("/api/")


def _file_storage(config) -> str:
    path = Path(config["DATA_DIR"]).resolve() / "ratelimits.sqlite3"
    return f"{ratelimit_storage.SCHEME}://{path}"


def init_app(app: Flask) -> None:
    """Call after the blueprints are registered: the sign-in view is wrapped here."""
    config = app.config
    config["RATELIMIT_ENABLED"] = parse_bool(config["RATELIMIT_ENABLED"], "RATELIMIT_ENABLED")
    config.setdefault("RATELIMIT_STORAGE_URI", config["REDIS_URL"] or _file_storage(config))
    limiter = Limiter(get_remote_address, app=app,
                      application_limits=[config["API_RATE_LIMIT"]],
                      application_limits_exempt_when=_not_api)
    app.extensions["matchhub_limiter"] = limiter
    for endpoint in (LOGIN_ENDPOINT, *EMAILING_ENDPOINTS):
        view = app.view_functions[endpoint]
        app.view_functions[endpoint] = limiter.limit(
            config["LOGIN_RATE_LIMIT"], methods=["POST"])(view)
