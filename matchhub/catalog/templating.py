"""The catalogue's Jinja helpers: a listing's status as people see it."""

from flask import Flask

from matchhub.catalog.workflow import effective_status
from matchhub.core.vocabularies import vocabulary


def init_app(app: Flask) -> None:
    app.jinja_env.filters["status"] = (
        lambda item: vocabulary("listing_statuses").label(effective_status(item)))
    app.jinja_env.globals["effective_status"] = effective_status
