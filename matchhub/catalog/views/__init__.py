"""The catalogue's web pages: public lists and details, editing, workflow steps, the
user's own listings and the review queue, plus the Jinja helpers they share."""

from flask import Blueprint

from matchhub.catalog.views import (
    actions,
    edit,
    import_mapping,
    imports,
    listing,
    review,
    templating,
)

bp = Blueprint("catalog", __name__)
for module in (templating, listing, actions, edit, review):
    module.routes.register(bp)

# Batch imports of achievements and needs keep their own blueprint (URLs under /imports/).
imports_bp = Blueprint("imports", __name__, url_prefix="/imports")
imports.routes.register(imports_bp)
import_mapping.routes.register(imports_bp)
