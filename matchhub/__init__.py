"""MatchHub: technology-transfer matchmaking platform (科技成果转移转化对接平台)."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

MIGRATIONS_DIR = str(Path(__file__).resolve().parent / "migrations")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    from matchhub import search
    from matchhub.accounts import auth
    from matchhub.accounts import search as accounts_search
    from matchhub.catalog import search as catalog_search
    from matchhub.catalog import templating as catalog_templating
    from matchhub.core import (
        database,  # noqa: F401  (its engine listeners set SQLite's pragmas)
        http_errors,
        ratelimits,
        routing,
        template_filters,
        uploads,
        web_security,
    )
    from matchhub.core.extensions import csrf, db, migrate
    from matchhub.core.settings import load_settings
    from matchhub.notifications import events as notification_events

    app = Flask(__name__)
    load_settings(app, config)
    web_security.init_app(app)
    db.init_app(app)
    _load_models()
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    csrf.init_app(app)
    auth.init_app(app)
    # Search specs: features tell search what is searchable (to move into the catalog's
    # and accounts' own init_app), before search checks its settings against them.
    catalog_search.init_app(app)
    accounts_search.init_app(app)
    search.init_app(app)
    uploads.init_app(app)
    notification_events.init_app(app)
    template_filters.init_app(app)
    catalog_templating.init_app(app)
    http_errors.init_app(app)
    routing.init_app(app)
    _register_blueprints(app)
    ratelimits.init_app(app)
    _register_commands(app)
    return app


def _load_models() -> None:
    """Every table in the metadata, for migrations and schema checks."""
    import matchhub.accounts.models
    import matchhub.audit.models
    import matchhub.cases.models
    import matchhub.catalog.models
    import matchhub.contracts.models
    import matchhub.matching.models
    import matchhub.notifications.models
    import matchhub.search.indexing.models
    import matchhub.zones.models  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    from matchhub.accounts.views import bp as accounts_bp
    from matchhub.api import init_app as init_api
    from matchhub.audit import bp as audit_bp
    from matchhub.cases import bp as cases_bp
    from matchhub.catalog.import_views import bp as imports_bp
    from matchhub.catalog.views import bp as catalog_bp
    from matchhub.contracts.views import bp as contracts_bp
    from matchhub.matching.views import bp as matching_bp
    from matchhub.notifications.views import bp as notifications_bp
    from matchhub.search import web as search_web
    from matchhub.site import bp as site_bp
    from matchhub.zones.entry_views import bp as zone_entries_bp
    from matchhub.zones.views import bp as zones_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(catalog_bp)
    app.register_blueprint(imports_bp)
    app.register_blueprint(contracts_bp)
    search_web.init_app(app)
    app.register_blueprint(zone_entries_bp)
    app.register_blueprint(zones_bp)
    app.register_blueprint(matching_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(cases_bp)
    app.register_blueprint(audit_bp)
    init_api(app)


def _register_commands(app: Flask) -> None:
    from matchhub import commands

    commands.init_app(app)
