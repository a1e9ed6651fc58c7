"""The contract registry's web pages (/contracts): the blueprint and its route modules."""

from flask import Blueprint

from matchhub.contracts.views import edit, listing

bp = Blueprint("contracts", __name__, url_prefix="/contracts")
for module in (listing, edit):
    module.routes.register(bp)

# The import page still adds its routes to ``bp`` itself.
from matchhub.contracts import import_views  # noqa: E402,F401
