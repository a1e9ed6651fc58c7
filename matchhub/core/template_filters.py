"""Jinja filters that show codes, money, regions and TRL in Chinese."""

from flask import Flask

from matchhub.core.money import format_money, format_range
from matchhub.core.regions import region_name
from matchhub.core.vocabularies import trl_label, vocabulary


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        label=lambda code, name: vocabulary(name).label(code),
        money=format_money,
        region=region_name,
        trl=trl_label,
    )
    app.jinja_env.globals.update(vocabulary=vocabulary, format_range=format_range)
