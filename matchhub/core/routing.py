"""URL converters shared by every blueprint."""

from flask import Flask
from werkzeug.routing import IntegerConverter

# The largest id an id column holds on every supported database: ids are INTEGER, a signed
# 32-bit integer on PostgreSQL (SQLite's are 64-bit). A larger number names nothing, and
# the databases raise (PostgreSQL "integer out of range", SQLite OverflowError beyond 64
# bits) rather than finding no row.
MAX_ID = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    """``<int:...>`` limited to MAX_ID: larger numbers do not match the route (a 404)."""

    def __init__(self, map, *args, max=MAX_ID, **kwargs):
        super().__init__(map, *args, max=max, **kwargs)


def init_app(app: Flask) -> None:
    """Call before registering blueprints: rules pick their converters when added."""
    app.url_map.converters["int"] = BoundedIntegerConverter
