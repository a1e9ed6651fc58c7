"""JSON API: GET /api/v1/search and GET /api/v1/suggest."""

from flask import Flask, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from matchhub.core import response_cache
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.core.schemas import PageArgsSchema, PageSchema
from matchhub.core.vocabularies import vocabulary
from matchhub.search.backends import get_search_backend
from matchhub.search.core.filters import ITEM_TYPES, MODES, parse_search_filters
from matchhub.search.core.query import SORTS
from matchhub.search.core.suggest import autocomplete, did_you_mean
from matchhub.search.web.links import result_url, row_title
from matchhub.search.web.service import run_search

blp = Blueprint("api_search", __name__, url_prefix="/api/v1", description="搜索与联想")
CACHE = "matchhub.search_cache"  # whole search responses (SEARCH_CACHE_BYTES)


def init_cache(app: Flask) -> None:
    response_cache.init_cache(app, CACHE, app.config["SEARCH_CACHE_BYTES"])


class SearchArgsSchema(PageArgsSchema):
    q = fields.String(load_default="", validate=validate.Length(max=200),
                      metadata={"description": 'plain words; "quoted phrase"; -excluded'})
    type = fields.String(load_default="achievement", validate=validate.OneOf(ITEM_TYPES))
    field = fields.String(validate=validate.OneOf(vocabulary("tech_fields").codes))
    mode = fields.String(validate=validate.OneOf(vocabulary("transfer_modes").codes),
                         metadata={"description": "transfer mode (合作方式)"})
    stage = fields.String(validate=validate.OneOf(vocabulary("maturity_stages").codes))
    region = fields.String(validate=validate.Length(equal=6))
    org_kind = fields.String(validate=validate.OneOf(vocabulary("org_kinds").codes))
    price_min = fields.String(validate=validate.Regexp(r"^\d{1,14}(\.\d{1,2})?$"))
    price_max = fields.String(validate=validate.Regexp(r"^\d{1,14}(\.\d{1,2})?$"))
    sort = fields.String(load_default="relevance", validate=validate.OneOf(SORTS))
    retrieval = fields.String(load_default="hybrid", validate=validate.OneOf(MODES),
                              metadata={"description": "lexical, semantic or hybrid"})


class ReasonSchema(Schema):
    code = fields.String()
    field = fields.String()
    term = fields.String()
    matched = fields.List(fields.String())
    label = fields.String()


class SearchHitSchema(Schema):
    item_type = fields.String()
    id = fields.Integer()
    title = fields.String()
    url = fields.String()
    score = fields.Float()
    lexical_rank = fields.Integer(allow_none=True)
    semantic_rank = fields.Integer(allow_none=True)
    reasons = fields.List(fields.Nested(ReasonSchema))
    highlights = fields.Dict(keys=fields.String(), values=fields.String(),
                             metadata={"description": "field -> escaped HTML with <mark>"})


class SearchResponseSchema(PageSchema):
    items = fields.List(fields.Nested(SearchHitSchema))
    facets = fields.Dict(keys=fields.String(),
                         values=fields.Dict(keys=fields.String(), values=fields.Integer()))
    notes = fields.List(fields.String())
    did_you_mean = fields.String(allow_none=True)
    nearest = fields.Boolean(metadata={
        "description": "nothing matches closely: items are the nearest results, not counted"})


class SuggestArgsSchema(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=50))
    type = fields.List(fields.String(validate=validate.OneOf(ITEM_TYPES)))
    limit = fields.Integer(load_default=8, validate=validate.Range(min=1, max=20))


class SuggestResponseSchema(Schema):
    suggestions = fields.List(fields.String())


def _optional_int(value) -> int | None:
    return None if value is None else int(value)


def _reason(reason) -> dict:
    return {"code": reason.code, "field": reason.field, "term": reason.term,
            "matched": [str(m) for m in reason.matched], "label": reason.label}


def _hit(result) -> dict:
    """One hit as SearchHitSchema dumps it (built directly: the search API's hot path)."""
    hit = result.hit
    return {"item_type": hit.item_type, "id": int(hit.item_id), "title": row_title(result.row),
            "url": result_url(result.row), "score": float(hit.score),
            "lexical_rank": _optional_int(hit.lexical_rank),
            "semantic_rank": _optional_int(hit.semantic_rank),
            "reasons": [_reason(r) for r in result.reasons],
            "highlights": {k: str(v) for k, v in result.snippets.items()}}


def _payload(outcome, hint: str | None) -> dict:
    """The response as SearchResponseSchema dumps it, every value already of its type."""
    facets = {name: {str(k): int(n) for k, n in counts.items()}
              for name, counts in outcome.facets.items()}
    return {"items": [_hit(r) for r in outcome.items], "page": int(outcome.page),
            "per_page": int(outcome.per_page), "total": int(outcome.total),
            "pages": int(outcome.pages), "facets": facets,
            "notes": [str(n) for n in outcome.notes], "did_you_mean": hint,
            "nearest": bool(outcome.nearest)}


@blp.route("/search")
class Search(MethodView):
    @blp.arguments(SearchArgsSchema, location="query")
    @blp.response(200, SearchResponseSchema)
    def get(self, args):
        """Search published achievements, needs, organisations or brokers."""
        backend = get_search_backend()
        day = today()

        def build() -> dict:
            outcome = run_search(db.session, backend, args["q"], args["type"],
                                 parse_search_filters(args), day, sort=args["sort"],
                                 page=args["page"], per_page=args["per_page"],
                                 mode=args["retrieval"])
            hint = None if outcome.total else did_you_mean(backend, args["q"], args["type"])
            # The schema documents the response; dumping 20 hits through it cost more
            # than building the same plain values directly.
            return _payload(outcome, hint)

        # Everyone gets the same public answer while the index and the day stay the same.
        generation = backend.generation()
        if generation is None:
            return jsonify(build())
        key = (generation, day, tuple(sorted(request.args.items(multi=True))))
        return response_cache.cached_json(CACHE, key, build)


@blp.route("/suggest")
class Suggest(MethodView):
    @blp.arguments(SuggestArgsSchema, location="query")
    @blp.response(200, SuggestResponseSchema)
    def get(self, args):
        """Autocomplete on titles, keywords and organisation names."""
        kinds = args.get("type") or ["achievement", "need", "organisation"]
        return {"suggestions": autocomplete(get_search_backend(), args["q"], kinds,
                                            args["limit"])}
