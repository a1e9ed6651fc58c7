"""Search as people use it: the search page (blueprint ``search``), the API, the admin
status page, result links and the ``matchhub search`` and ``matchhub bench`` commands."""

from flask import Flask


def init_app(app: Flask) -> None:
    """The search page's blueprint, the admin status page, the API and the commands."""
    from matchhub import api
    from matchhub.search.web import admin
    from matchhub.search.web.api import blp, init_cache
    from matchhub.search.web.benchmark import bench_group
    from matchhub.search.web.commands import search_group
    from matchhub.search.web.views import bp

    app.register_blueprint(bp)
    admin.init_app(app)
    api.register(app, blp)
    init_cache(app)
    app.cli.add_command(search_group)
    app.cli.add_command(bench_group)
