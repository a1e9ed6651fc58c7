"""The audit log's web page for platform administrators."""

from flask import Blueprint

from matchhub.audit.views import entries

bp = Blueprint("audit", __name__)
entries.routes.register(bp)
