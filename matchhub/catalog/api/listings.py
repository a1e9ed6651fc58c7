"""JSON API for achievements and needs: list, read, create, edit, delete, workflow."""

from flask import current_app, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from matchhub.api.auth import api_user, has_scope, reader, require_scope
from matchhub.api.pagination import paginate
from matchhub.catalog import counters, queries, schemas, services
from matchhub.catalog.access import is_owner
from matchhub.catalog.api.page_cache import cached_json
from matchhub.catalog.models import Achievement, Need
from matchhub.core.clock import today
from matchhub.core.extensions import db

BEARER = [{"bearerAuth": []}]


def viewer(item):
    """Who reads ``item``: the token's user with catalog:read; with catalog:write alone, the
    token's user for their own items (writing them implies reading them); else anonymous."""
    user = reader()
    if user is None and has_scope("catalog:write") and is_owner(api_user(), item):
        return api_user()
    return user


def _load_visible(item_type: str, item_id: int):
    """The item if the caller may see it; 404 otherwise, so existence does not leak."""
    item = db.session.get(services.MODELS[item_type], item_id)
    if item is None or not services.allowed(db.session, viewer(item), "view", item, today()):
        abort(404, message="未找到")
    return item


def _settings() -> dict:
    return {"today": today(), "default_validity": current_app.config["LISTING_VALIDITY_DAYS"]}


def build_blueprint(item_type: str) -> Blueprint:
    plural = f"{item_type}s"
    blp = Blueprint(f"api_{plural}", __name__, url_prefix=f"/api/v1/{plural}",
                    description=f"{services.ITEM_LABELS[item_type]}（{plural}）")
    model = services.MODELS[item_type]
    in_schema, patch_schema, out_schema, item_schema, page_schema = schemas.SCHEMAS[item_type]

    def dump_one(item):
        show_detail = services.allowed(db.session, viewer(item), "view_detail", item)
        schema = item_schema if show_detail else out_schema
        return jsonify(schema().dump(item))

    def public_page(filters, args):
        """Everyone sees the same public page, so it is rendered once per list version."""
        day = today()
        key = (item_type, counters.list_version(db.session, item_type), day,
               tuple(sorted(request.args.items(multi=True))))

        def build():
            total = (counters.public_total(db.session, item_type, model, day)
                     if counters.is_unfiltered(filters) else None)
            return page_schema().dump(paginate(queries.public_query(model, filters, day), args,
                                               total))

        return cached_json(key, build)

    @blp.route("/")
    class Collection(MethodView):
        @blp.arguments(schemas.ListQuerySchema, location="query")
        @blp.response(200, page_schema)
        @blp.doc(security=BEARER)
        def get(self, args):
            """List published items, or with mine=true the caller's own (drafts included)."""
            filters = queries.parse_filters(args)
            if args.get("mine"):
                user = require_scope("catalog:read")
                stmt = queries.apply_filters(queries.owned_query(model, user), model, filters)
                return paginate(stmt, args)
            return public_page(filters, args)

        @blp.arguments(in_schema)
        @blp.response(201, out_schema)
        @blp.doc(security=BEARER)
        def post(self, data):
            """Create a draft."""
            user = require_scope("catalog:write")
            item = services.create_listing(db.session, user, item_type, data, **_settings())
            db.session.commit()
            return item

    @blp.route("/<int:item_id>")
    class Item(MethodView):
        @blp.response(200, item_schema)
        @blp.doc(security=BEARER)
        def get(self, item_id):
            """One item; the confidential detail only for those allowed to see it."""
            return dump_one(_load_visible(item_type, item_id))

        @blp.arguments(patch_schema)
        @blp.response(200, item_schema)
        @blp.doc(security=BEARER)
        def patch(self, data, item_id):
            """Edit a draft, rejected or withdrawn item."""
            user = require_scope("catalog:write")
            item = _load_visible(item_type, item_id)
            services.update_listing(db.session, user, item, data, **_settings())
            db.session.commit()
            return dump_one(item)

        @blp.response(204)
        @blp.doc(security=BEARER)
        def delete(self, item_id):
            """Delete a draft."""
            user = require_scope("catalog:write")
            services.delete_listing(db.session, user, _load_visible(item_type, item_id), today())
            db.session.commit()

    @blp.route("/<int:item_id>/transitions")
    class Transitions(MethodView):
        @blp.response(200, schemas.TransitionOutSchema(many=True))
        @blp.doc(security=BEARER)
        def get(self, item_id):
            """The workflow history (owner and reviewers)."""
            item = _load_visible(item_type, item_id)
            services.require(db.session, viewer(item), "view_history", item, today())
            return services.history(db.session, item)

        @blp.arguments(schemas.TransitionInSchema)
        @blp.response(201, schemas.TransitionOutSchema)
        @blp.doc(security=BEARER)
        def post(self, data, item_id):
            """submit / approve / reject / withdraw / renew."""
            scope = "review" if data["action"] in {"approve", "reject"} else "catalog:write"
            user = require_scope(scope)
            item = _load_visible(item_type, item_id)
            record = services.act(db.session, user, item, data["action"], today(),
                                  reason=data["reason"], new_end=data.get("new_end"))
            db.session.commit()
            return record

    return blp


achievements_blp = build_blueprint("achievement")
needs_blp = build_blueprint("need")

review_blp = Blueprint("api_review", __name__, url_prefix="/api/v1/review-queue",
                       description="审核队列")


@review_blp.route("/")
class ReviewQueue(MethodView):
    @review_blp.response(200, schemas.ReviewQueueSchema)
    @review_blp.doc(security=BEARER)
    def get(self):
        """Submitted items the caller may review."""
        user = require_scope("review")
        return {
            "achievements": db.session.scalars(queries.review_query(Achievement, user)).all(),
            "needs": db.session.scalars(queries.review_query(Need, user)).all(),
        }
