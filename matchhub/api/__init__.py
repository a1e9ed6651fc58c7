"""The JSON API under /api/v1 with its OpenAPI document (flask-smorest)."""

from flask import Flask
from flask_smorest import Api
from marshmallow import Schema, fields

from matchhub.api import auth

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


# The OpenAPI document lists the blueprints' tags in the order they are registered.
TAG_ORDER = ("api_achievements", "api_needs", "api_review", "api_imports", "api_accounts",
             "api_search", "api_contracts", "api_zones", "api_matching", "api_subscriptions",
             "api_notifications", "api_cases")
QUEUE = "matchhub.api"


def add_resources(app: Flask, *blps) -> None:
    """A package's API blueprints, registered by ``init_app`` (call it after this)."""
    app.extensions.setdefault(QUEUE, []).extend(blps)


SPEC_INFO = {"description": "科技成果转移转化对接平台 JSON API. Errors: "
                           '{"error": {"code", "message", "fields"}}.'}


def init_app(app: Flask) -> None:
    """The API with every package's blueprints (queued by ``add_resources`` in the
    packages' ``init_app``, which run before this), in the document's tag order."""
    from matchhub.accounts.api import blp as accounts_blp
    from matchhub.catalog.api import achievements_blp, needs_blp, review_blp
    from matchhub.catalog.import_api import blp as imports_blp
    from matchhub.core.extensions import csrf
    from matchhub.search.api import blp as search_blp

    for key, value in API_SETTINGS.items():
        app.config.setdefault(key, value)
    api = MatchHubApi(app, spec_kwargs={"info": SPEC_INFO})
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "API token (mh_...)"})
    blps = (achievements_blp, needs_blp, review_blp, imports_blp, accounts_blp, search_blp,
            *app.extensions.get(QUEUE, ()))
    for blp in sorted(blps, key=lambda blp: TAG_ORDER.index(blp.name)):
        csrf.exempt(blp)
        api.register_blueprint(blp)
    app.before_request(auth.load_token)

