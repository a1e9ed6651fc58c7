"""Search as people use it: the search page (blueprint ``search``), the API, the admin
status page, result links and the ``matchhub search`` and ``matchhub bench`` commands."""

from flask import Flask


def init_app(app: Flask) -> None:
    """The search page's blueprint and the admin status page."""
    from matchhub.search.web import admin
    from matchhub.search.web.views import bp

    app.register_blueprint(bp)
    admin.init_app(app)
