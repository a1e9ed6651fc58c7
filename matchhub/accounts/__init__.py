"""Organisations, users, roles and API tokens. The web blueprint is
``matchhub.accounts.views.bp``."""
