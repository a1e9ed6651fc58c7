"""Marshmallow pieces every feature's API schemas share: fields, and one page shape for
every list: {"items", "page", "per_page", "total", "pages"}."""

import datetime as dt

from marshmallow import Schema, fields, validate

from matchhub.core.args import MAX_PAGE
from matchhub.core.routing import MAX_ID


class UtcDateTime(fields.DateTime):
    """An RFC 3339 date-time with its offset.

    Columns are timezone-aware, but SQLite hands them back naive (it keeps no offset);
    they were written in UTC, so a naive value is UTC.
    """

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def id_field(**kwargs) -> fields.Integer:
    """A row id in input: positive and no larger than a database id column holds."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class PageArgsSchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class PageSchema(Schema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


def page_of(item_schema: type[Schema], name: str) -> type[Schema]:
    """A page schema whose ``items`` are ``item_schema`` (named for the OpenAPI document)."""
    return type(name, (PageSchema,), {"items": fields.List(fields.Nested(item_schema))})
