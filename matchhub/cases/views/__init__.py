"""The broker workbench's web pages (/cases): the blueprint and its route modules."""

from flask import Blueprint

from matchhub.cases.views import actions, listing, routing_page, template_helpers

bp = Blueprint("cases", __name__, url_prefix="/cases")
for module in (listing, actions, routing_page, template_helpers):
    module.routes.register(bp)
