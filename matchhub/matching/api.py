"""JSON API: GET /api/v1/needs/<id>/matches, GET /api/v1/achievements/<id>/matches, the
"not relevant" mark on one recommendation, and an item's feedback aggregate (owner)."""

from flask.views import MethodView
from flask_smorest import Blueprint, abort

from matchhub.api.auth import reader, require_scope
from matchhub.catalog import services as catalog
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.matching import feedback, schemas
from matchhub.matching.candidates import OPPOSITE
from matchhub.matching.services import matches_for
from matchhub.search import get_search_backend
from matchhub.search.web.links import result_url

BEARER = [{"bearerAuth": []}]
blp = Blueprint("api_matching", __name__, url_prefix="/api/v1", description="双向匹配推荐")
SOURCE_RULE = "/<any(needs, achievements):plural>/<int:item_id>"


def _visible(item_type: str, item_id: int):
    item = catalog.find_visible(db.session, reader(), item_type, item_id, today())
    if item is None:
        abort(404, message="未找到")
    return item


def _item(match) -> dict:
    row = match.row
    return {"item_type": row.item_type, "id": row.id, "title": row.title,
            "url": result_url(row), "field": row.field, "region_code": row.region_code,
            "organisation": row.owner_org.name if row.owner_org else "",
            "score": match.score, "reasons": match.reasons,
            "highlights": {k: str(v) for k, v in match.snippets.items()}}


@blp.route(SOURCE_RULE + "/matches")
class Matches(MethodView):
    @blp.arguments(schemas.MatchArgsSchema, location="query")
    @blp.response(200, schemas.MatchListSchema)
    @blp.doc(security=BEARER)
    def get(self, args, plural, item_id):
        """Ranked matches with their reasons (the item's owner, brokers, platform admins)."""
        user = require_scope("catalog:read")
        item = _visible(plural[:-1], item_id)
        found = matches_for(db.session, get_search_backend(), user, item, today(),
                            limit=args["limit"])
        return {"items": [_item(m) for m in found]}


@blp.route(SOURCE_RULE + "/matches/<int:other_id>/feedback")
class Feedback(MethodView):
    @blp.arguments(schemas.FeedbackInSchema)
    @blp.response(201, schemas.FeedbackOutSchema)
    @blp.doc(security=BEARER)
    def post(self, data, plural, item_id, other_id):
        """Mark one recommendation not relevant, with a reason; the pair stops coming back."""
        user = require_scope("catalog:read")
        source = _visible(plural[:-1], item_id)
        recommended = _visible(OPPOSITE[source.item_type], other_id)
        mark = feedback.mark_not_relevant(db.session, user, source, recommended,
                                          data["reason"], data["note"])
        db.session.commit()
        return mark


@blp.route(SOURCE_RULE + "/match-feedback")
class FeedbackSummary(MethodView):
    @blp.response(200, schemas.FeedbackSummarySchema)
    @blp.doc(security=BEARER)
    def get(self, plural, item_id):
        """How often and why the item was marked not relevant (its owner)."""
        user = require_scope("catalog:read")
        return feedback.feedback_summary(db.session, user, _visible(plural[:-1], item_id))
