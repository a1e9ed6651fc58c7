"""The accounts' web pages: signing in and out, registration and email confirmation, the
user's profile, password, sessions and API tokens, password reset, public pages of
organisations and brokers, and the administration of users and the verification of
organisations."""

from flask import Blueprint

from matchhub.accounts.views import (
    confirm,
    membership,
    organisations,
    password,
    profile,
    public,
    register,
    sign_in,
    user_admin,
    verification,
)

bp = Blueprint("accounts", __name__)
for module in (sign_in, register, confirm, password, profile, public, user_admin,
               organisations, membership, verification):
    module.routes.register(bp)
