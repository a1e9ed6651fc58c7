"""The catalogue's web pages: public lists and details, editing, workflow steps, the
user's own listings and the review queue, plus the Jinja helpers they share."""

from flask import Blueprint

from matchhub.catalog.views import actions, edit, listing, review, templating

bp = Blueprint("catalog", __name__)
for module in (templating, listing, actions, edit, review):
    module.routes.register(bp)
