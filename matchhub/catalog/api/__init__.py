"""The catalogue's JSON API: achievements, needs and the review queue (``listings``), and
batch imports of them (``imports``)."""

from matchhub.catalog.api.imports import blp as imports_blp
from matchhub.catalog.api.listings import achievements_blp, needs_blp, review_blp
from matchhub.catalog.api.page_cache import init_app as init_page_cache

__all__ = ["achievements_blp", "imports_blp", "init_page_cache", "needs_blp", "review_blp"]
