"""Jinja filters that show codes, money, dates and TRL in Chinese."""

from flask import Flask

from matchhub.catalog.workflow import effective_status
from matchhub.money import format_money, format_range
from matchhub.regions import region_name
from matchhub.vocabularies import trl_label, vocabulary


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        label=lambda code, name: vocabulary(name).label(code),
        money=format_money,
        region=region_name,
        trl=trl_label,
        status=lambda item: vocabulary("listing_statuses").label(effective_status(item)),
    )
    app.jinja_env.globals.update(vocabulary=vocabulary, format_range=format_range,
                                 effective_status=effective_status)
