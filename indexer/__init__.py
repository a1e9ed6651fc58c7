"""The indexer's command line (``matchhub indexer ...``, ``python -m indexer ...``): run the
outbox, rebuild, verify, status, requeue. The work itself is matchhub.search.indexing."""

from flask import Flask


def init_app(app: Flask) -> None:
    from indexer.commands import indexer_group

    app.cli.add_command(indexer_group)
