"""The workbench page and the navigation's pending-work count."""

from flask import Blueprint

from matchhub.workbench.views import page

bp = Blueprint("workbench", __name__)
page.routes.register(bp)
