"""Matching's web pages (the broker's page, "not relevant" feedback) and the 「匹配推荐」
section that the catalogue's detail pages show (``page``)."""

from flask import Blueprint

from matchhub.matching.views import recommendations

bp = Blueprint("matching", __name__)
recommendations.routes.register(bp)
