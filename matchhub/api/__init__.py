"""The JSON API under /api/v1 with its OpenAPI document (flask-smorest): the Api object,
bearer-token authentication and pagination. Features add their resources with ``register``."""

from flask import Flask
from flask_smorest import Api, Blueprint
from marshmallow import Schema, fields

from matchhub.api import auth
from matchhub.core.extensions import csrf

API_SETTINGS = {
    "API_TITLE": "MatchHub API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
}


class ErrorDetailSchema(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    fields = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                         required=True, metadata={"description": "messages per input field"})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)


class MatchHubApi(Api):
    """flask-smorest's Api without its app-wide HTTPException handler.

    matchhub.core.http_errors renders errors: the JSON error body for /api, pages elsewhere.
    """

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        return None


EXTENSION = "matchhub.api"  # the app's Api, kept where register() finds it
SPEC_INFO = {"description": "科技成果转移转化对接平台 JSON API. Errors: "
                           '{"error": {"code", "message", "fields"}}.'}


def init_app(app: Flask) -> None:
    """Create the app's Api; each feature's init_app then adds its resources with ``register``."""
    for key, value in API_SETTINGS.items():
        app.config.setdefault(key, value)
    api = MatchHubApi(app, spec_kwargs={"info": SPEC_INFO})
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "API token (mh_...)"})
    app.before_request(auth.load_token)
    app.extensions[EXTENSION] = api


def register(app: Flask, *blueprints: Blueprint) -> None:
    """Add API resources to the app's Api, in order (their tags keep it), exempt from CSRF:
    the API authenticates by bearer token, not by the browser's session."""
    api = app.extensions[EXTENSION]
    for blp in blueprints:
        csrf.exempt(blp)
        api.register_blueprint(blp)
