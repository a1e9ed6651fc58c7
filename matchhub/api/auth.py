"""Bearer-token authentication for the JSON API. The API ignores browser sessions."""

from flask import g, request

from matchhub.accounts.models import User
from matchhub.accounts.tokens import resolve_token
from matchhub.core.errors import PermissionDenied, Unauthorized
from matchhub.core.extensions import db


def load_token() -> None:
    g.api_user, g.api_scopes = None, frozenset()
    if not request.path.startswith("/api/"):
        return
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _, secret = header.partition(" ")
    token = resolve_token(db.session, secret.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        raise Unauthorized("API 令牌无效或已吊销")
    db.session.commit()  # keep last_used_at
    g.api_user, g.api_scopes = token.user, frozenset(token.scopes)


def api_user() -> User | None:
    return g.get("api_user")


def require_user() -> User:
    user = api_user()
    if user is None:
        raise Unauthorized("需要 API 令牌")
    return user


def require_scope(scope: str) -> User:
    user = require_user()
    if scope not in g.api_scopes:
        raise PermissionDenied(f"API 令牌缺少权限范围 {scope}")
    return user


def has_scope(scope: str) -> bool:
    return api_user() is not None and scope in g.api_scopes


def reader() -> User | None:
    """The user reading: a token with catalog:read, or anonymous."""
    user = api_user()
    return user if user is not None and "catalog:read" in g.api_scopes else None
