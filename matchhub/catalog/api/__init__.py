"""The catalogue's JSON API: achievements, needs and the review queue (``listings``), and
batch imports of them (``imports``)."""

from matchhub.catalog.api.imports import blp as imports_blp
from matchhub.catalog.api.listings import achievements_blp, needs_blp, review_blp

__all__ = ["achievements_blp", "imports_blp", "needs_blp", "review_blp"]
