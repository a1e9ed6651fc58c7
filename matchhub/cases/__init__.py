"""Match cases (对接单): brokers carry a need and the achievements offered for it through
推荐 → 已联系 → 洽谈中 → 已签约 → 已登记 (or 终止), with the plan, the history, the parties'
ratings, routing needs to brokers, broker and institution figures, and registering the
technology contract of a signed case (through the contract registry's services).

The web pages live in ``views/`` and the JSON API in ``api``; ``init_app`` registers them,
the ``matchhub cases`` commands and the receivers of the registry's signals.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub import api
    from matchhub.cases import contract_events
    from matchhub.cases.api import blp as api_blp
    from matchhub.cases.commands import cases_group
    from matchhub.cases.views import bp

    app.register_blueprint(bp)
    api.register(app, api_blp)
    app.cli.add_command(cases_group)
    contract_events.connect()
