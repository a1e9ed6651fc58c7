"""Organisations, users and their roles, sign-in (Flask-Login sessions for pages) and API
tokens: the models, services and forms, the pages under /login, /register, /account and
/admin/users, the public organisation and broker pages, /api/v1/accounts and
``matchhub create-admin``."""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub import api
    from matchhub.accounts import auth
    from matchhub.accounts import search as accounts_search
    from matchhub.accounts.api import blp
    from matchhub.accounts.commands import create_admin_command
    from matchhub.accounts.views import bp

    auth.init_app(app)
    accounts_search.register()
    app.register_blueprint(bp)
    api.register(app, blp)
    app.cli.add_command(create_admin_command)
