"""Marshmallow fields shared by the API schemas."""

import datetime as dt

from marshmallow import fields, validate

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
