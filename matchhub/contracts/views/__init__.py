"""The contract registry's web pages (/contracts): the blueprint and its route modules."""

from flask import Blueprint

from matchhub.contracts.views import edit, import_mapping, imports, listing, officers

bp = Blueprint("contracts", __name__, url_prefix="/contracts")
for module in (listing, edit, imports, import_mapping, officers):
    module.routes.register(bp)
