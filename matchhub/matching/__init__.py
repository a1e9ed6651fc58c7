"""Two-way matching: ranked achievements for a need, ranked needs for an achievement, the
best open pairs for a broker, each with its reasons; and "not relevant" feedback.

The web pages (and the 「匹配推荐」 section of detail pages) live in ``views/`` and the
JSON API in ``api``; ``init_app`` checks config/matching.json and registers them. The
domain modules import without the web layer.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub import api
    from matchhub.catalog.views.detail_page import add_panel
    from matchhub.matching.api import blp as api_blp
    from matchhub.matching.views import bp
    from matchhub.matching.views.page import match_context
    from matchhub.matching.weights import candidate_count, default_weights, feedback_reasons

    default_weights(), candidate_count(), feedback_reasons()  # fail at startup if bad
    app.register_blueprint(bp)
    add_panel(app, match_context)
    api.register(app, api_blp)
