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


SPEC_INFO = {"description": "科技成果转移转化对接平台 JSON API. Errors: "
                           '{"error": {"code", "message", "fields"}}.'}


def init_app(app: Flask) -> None:
    from matchhub.accounts.api import blp as accounts_blp
    from matchhub.cases.api import blp as cases_blp
    from matchhub.catalog.api import achievements_blp, needs_blp, review_blp
    from matchhub.catalog.import_api import blp as imports_blp
    from matchhub.contracts.api import blp as contracts_blp
    from matchhub.core.extensions import csrf
    from matchhub.matching.api import blp as matching_blp
    from matchhub.notifications.api import notifications_blp, subscriptions_blp
    from matchhub.search.web.api import blp as search_blp
    from matchhub.zones.api import blp as zones_blp

    for key, value in API_SETTINGS.items():
        app.config.setdefault(key, value)
    api = MatchHubApi(app, spec_kwargs={"info": SPEC_INFO})
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "API token (mh_...)"})
    for blp in (achievements_blp, needs_blp, review_blp, imports_blp, accounts_blp, search_blp,
                contracts_blp, zones_blp, matching_blp, subscriptions_blp, notifications_blp,
                cases_blp):
        csrf.exempt(blp)
        api.register_blueprint(blp)
    app.before_request(auth.load_token)
