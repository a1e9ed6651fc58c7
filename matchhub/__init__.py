"""MatchHub: technology-transfer matchmaking platform (科技成果转移转化对接平台).

``create_app`` binds the shared extensions and then calls each package's ``init_app``,
which registers the package's blueprints, API resources, CLI commands and template helpers.
"""

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from flask import Flask

MIGRATIONS_DIR = str(Path(__file__).resolve().parent / "migrations")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    from matchhub import api, commands
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

    app = Flask(__name__)
    load_settings(app, config)
    web_security.init_app(app)
    db.init_app(app)
    _load_models()
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    csrf.init_app(app)
    uploads.init_app(app)
    template_filters.init_app(app)
    http_errors.init_app(app)
    routing.init_app(app)
    api.init_app(app)
    commands.init_app(app)
    for init_package in _packages():
        init_package(app)
    ratelimits.init_app(app)  # after the packages: it wraps the sign-in view
    return app


def _packages() -> list[Callable[[Flask], None]]:
    """Every package's init_app. The order is the OpenAPI document's order of tags."""
    from matchhub import accounts, audit, backup, catalog, demo, site

    return [site.init_app, catalog.init_app, _catalog_imports, accounts.init_app, _search,
            _contracts, _zones, _matching, _notifications, _cases, audit.init_app,
            demo.init_app, backup.init_app]


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


# Packages still registered from here until their own init_app takes over.

def _catalog_imports(app: Flask) -> None:
    from matchhub import api
    from matchhub.catalog.import_api import blp
    from matchhub.catalog.import_views import bp

    app.register_blueprint(bp)
    api.register(app, blp)


def _search(app: Flask) -> None:
    from indexer.commands import indexer_group
    from matchhub import api, search
    from matchhub.search import indexing
    from matchhub.search.api import blp
    from matchhub.search.benchmark import bench_group
    from matchhub.search.commands import search_group
    from matchhub.search.views import bp

    search.init_app(app)
    indexing.init_app(app)
    app.register_blueprint(bp)
    api.register(app, blp)
    for command in (search_group, bench_group, indexer_group):
        app.cli.add_command(command)


def _contracts(app: Flask) -> None:
    from matchhub import api
    from matchhub.contracts.api import blp
    from matchhub.contracts.commands import contracts_group
    from matchhub.contracts.views import bp

    app.register_blueprint(bp)
    api.register(app, blp)
    app.cli.add_command(contracts_group)


def _zones(app: Flask) -> None:
    from matchhub import api
    from matchhub.zones.api import blp
    from matchhub.zones.commands import zones_group
    from matchhub.zones.entry_views import bp as zone_entries_bp
    from matchhub.zones.views import bp as zones_bp

    app.register_blueprint(zone_entries_bp)
    app.register_blueprint(zones_bp)
    api.register(app, blp)
    app.cli.add_command(zones_group)


def _matching(app: Flask) -> None:
    from matchhub import api
    from matchhub.matching.api import blp
    from matchhub.matching.views import bp

    app.register_blueprint(bp)
    api.register(app, blp)


def _notifications(app: Flask) -> None:
    from matchhub import api
    from matchhub.notifications import events
    from matchhub.notifications.api import notifications_blp, subscriptions_blp
    from matchhub.notifications.commands import notify_group
    from matchhub.notifications.views import bp

    events.init_app(app)
    app.register_blueprint(bp)
    api.register(app, subscriptions_blp, notifications_blp)
    app.cli.add_command(notify_group)


def _cases(app: Flask) -> None:
    from matchhub import api
    from matchhub.cases import bp
    from matchhub.cases.api import blp
    from matchhub.cases.commands import cases_group

    app.register_blueprint(bp)
    api.register(app, blp)
    app.cli.add_command(cases_group)
