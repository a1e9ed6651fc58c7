"""Achievements (科技成果) and needs (技术需求): their models, workflow, permission matrix
(``access``), confidential-detail access, services, pages, API resources and commands
(``matchhub catalog import``, ``matchhub expire``)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub import api
    from matchhub.catalog import search as catalog_search
    from matchhub.catalog.api import (
        achievements_blp,
        imports_blp,
        init_page_cache,
        needs_blp,
        review_blp,
    )
    from matchhub.catalog.commands import catalog_group, expire_command
    from matchhub.catalog.views import bp, imports_bp

    catalog_search.register()
    init_page_cache(app)
    app.register_blueprint(bp)
    app.register_blueprint(imports_bp)
    api.register(app, achievements_blp, needs_blp, review_blp, imports_blp)
    app.cli.add_command(catalog_group)
    app.cli.add_command(expire_command)
