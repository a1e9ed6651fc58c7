"""URL converters shared by every blueprint."""

from flask import Flask
from werkzeug.routing import IntegerConverter

# The largest id a database column holds (a signed 64-bit integer). A longer number in a
# URL names nothing, and SQLite raises OverflowError rather than finding no row.
MAX_ID = 2**63 - 1


class BoundedIntegerConverter(IntegerConverter):
    """``<int:...>`` limited to MAX_ID: larger numbers do not match the route (a 404)."""

    def __init__(self, map, *args, max=MAX_ID, **kwargs):
        super().__init__(map, *args, max=max, **kwargs)


def init_app(app: Flask) -> None:
    """Call before registering blueprints: rules pick their converters when added."""
    app.url_map.converters["int"] = BoundedIntegerConverter
