"""Demo data for ``matchhub demo``: fictional organisations and accounts, the CSL records
as published demo achievements and hand-written demo needs (all marked as demo data)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub.demo.commands import demo_command

    app.cli.add_command(demo_command)
