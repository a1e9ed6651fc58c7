"""The accounts' web pages: signing in and out, registration, the user's profile and API
tokens, public pages of organisations and brokers, and the administration of users and
the verification of organisations."""

from flask import Blueprint

from matchhub.accounts.views import (
    membership,
    organisations,
    profile,
    public,
    register,
    sign_in,
    user_admin,
    verification,
)

bp = Blueprint("accounts", __name__)
for module in (sign_in, register, profile, public, user_admin, organisations, membership,
               verification):
    module.routes.register(bp)
