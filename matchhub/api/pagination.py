"""One page shape for every API list: {"items", "page", "per_page", "total", "pages"}."""

from marshmallow import Schema, fields, validate
from sqlalchemy import Select

from matchhub.core.extensions import db


class PageArgsSchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class PageSchema(Schema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


def page_of(item_schema: type[Schema], name: str) -> type[Schema]:
    """A page schema whose ``items`` are ``item_schema`` (named for the OpenAPI document)."""
    return type(name, (PageSchema,), {"items": fields.List(fields.Nested(item_schema))})


def paginate(stmt: Select, args: dict) -> dict:
    result = db.paginate(stmt, page=args["page"], per_page=args["per_page"], error_out=False)
    return {"items": result.items, "page": args["page"], "per_page": args["per_page"],
            "total": result.total, "pages": result.pages}
