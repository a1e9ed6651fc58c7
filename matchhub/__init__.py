"""MatchHub: technology-transfer matchmaking platform (科技成果转移转化对接平台)."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

MIGRATIONS_DIR = str(Path(__file__).resolve().parent / "migrations")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    from matchhub import search
    from matchhub.accounts import auth
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
    from matchhub.search import indexing

    app = Flask(__name__)
    load_settings(app, config)
    web_security.init_app(app)
    db.init_app(app)
    _load_models()
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    csrf.init_app(app)
    auth.init_app(app)
    search.init_app(app)
    indexing.init_app(app)
    uploads.init_app(app)
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
    import matchhub.search.models
    import matchhub.zones.models  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    from matchhub import cases, contracts, matching, notifications, zones
    from matchhub.accounts.views import bp as accounts_bp
    from matchhub.api import init_app as init_api
    from matchhub.audit import bp as audit_bp
    from matchhub.catalog.import_views import bp as imports_bp
    from matchhub.catalog.views import bp as catalog_bp
    from matchhub.search.views import bp as search_bp
    from matchhub.site import bp as site_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(catalog_bp)
    app.register_blueprint(imports_bp)
    contracts.init_app(app)
    app.register_blueprint(search_bp)
    zones.init_app(app)
    matching.init_app(app)
    notifications.init_app(app)
    cases.init_app(app)
    app.register_blueprint(audit_bp)
    init_api(app)


def _register_commands(app: Flask) -> None:
    from matchhub import commands

    commands.init_app(app)
