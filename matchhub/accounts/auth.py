"""Web sessions through Flask-Login.

The session and the remember-me cookie hold ``"<user id>:<session version>"``
(``User.get_id``); a cookie whose version is no longer the user's is refused on every
request, so raising the version ends all of a user's sessions at once. Remember-me lasts
REMEMBER_DAYS (default 14: a fortnight away from a shared office computer is long enough
to be convenient, short enough that a forgotten cookie does not outlive its use).
"""

import datetime as dt

from flask import Flask

from matchhub.accounts.models import User
from matchhub.core.extensions import db, login_manager
from matchhub.core.settings import parse_int


@login_manager.user_loader
def load_user(cookie_id: str) -> User | None:
    user_id, _, version = cookie_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None  # garbled, or issued before session versions existed
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def init_app(app: Flask) -> None:
    days = parse_int(app.config.get("REMEMBER_DAYS", 14), "REMEMBER_DAYS")
    app.config["REMEMBER_COOKIE_DURATION"] = dt.timedelta(days=days)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "请先登录"
    login_manager.session_protection = "strong"
