"""The technology-contract registry (技术合同登记): registering, editing and cancelling
contracts with their audit trail, who may see and change them, the registry's
vocabularies and labels, importing contract files, and the signals that tell the
features above it (match cases) about links and cancellations.

The web pages live in ``views/`` and the JSON API in ``api``; ``init_app`` registers them
and the ``matchhub contracts`` commands.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub import api
    from matchhub.contracts.api import blp as api_blp
    from matchhub.contracts.commands import contracts_group
    from matchhub.contracts.imports import SPEC, writer_for
    from matchhub.contracts.views import bp
    from matchhub.imports.jobs import JobKind, register_kind

    app.register_blueprint(bp)
    api.register(app, api_blp)
    app.cli.add_command(contracts_group)
    register_kind("contracts", JobKind(SPEC, writer_for, "import.contracts"))
