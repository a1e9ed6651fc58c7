"""Jinja filters that show codes, money, regions, TRL and times as people read them."""

import datetime as dt

from flask import Flask

from matchhub.core.clock import zone
from matchhub.core.money import amount_in, format_money, format_range
from matchhub.core.regions import region_name
from matchhub.core.vocabularies import trl_label, vocabulary


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        label=lambda code, name: vocabulary(name).label(code),
        money=format_money,
        amount_in=amount_in,
        datetime=local_time,
        datetime_seconds=lambda value: local_time(value, "%Y-%m-%d %H:%M:%S"),
        region=region_name,
        trl=trl_label,
    )
    app.jinja_env.globals.update(vocabulary=vocabulary, format_range=format_range)


def local_time(value: dt.datetime | None, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored timestamp (naive ones are UTC) in the configured time zone."""
    if value is None:
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(zone()).strftime(pattern)
