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
        input_guard,
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
    input_guard.init_app(app)
    routing.init_app(app)
    api.init_app(app)
    commands.init_app(app)
    for init_package in _packages():
        init_package(app)
    ratelimits.init_app(app)  # after the packages: it wraps the sign-in view
    return app


def _packages() -> list[Callable[[Flask], None]]:
    """Every package's init_app. The order is the OpenAPI document's order of tags."""
    import indexer
    from matchhub import (
        accounts,
        audit,
        backup,
        cases,
        catalog,
        contracts,
        demo,
        imports,
        matching,
        notifications,
        routines,
        search,
        site,
        workbench,
        zones,
    )
    from matchhub.search import web as search_web

    # search.init_app after the packages that register index specs (catalog, accounts).
    return [site.init_app, catalog.init_app, accounts.init_app, search.init_app,
            search_web.init_app, indexer.init_app, imports.init_app, contracts.init_app,
            zones.init_app,
            matching.init_app, notifications.init_app, cases.init_app, audit.init_app,
            demo.init_app, backup.init_app, routines.init_app, workbench.init_app]


def _load_models() -> None:
    """Every table in the metadata, for migrations and schema checks."""
    import matchhub.accounts.models
    import matchhub.audit.models
    import matchhub.cases.models
    import matchhub.catalog.models
    import matchhub.contracts.models
    import matchhub.imports.models
    import matchhub.matching.models
    import matchhub.notifications.models
    import matchhub.routines.models
    import matchhub.search.indexing.models
    import matchhub.zones.models  # noqa: F401
