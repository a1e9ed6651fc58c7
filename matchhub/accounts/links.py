"""Signed, expiring links sent by email: password reset and email confirmation.

No token is stored. A reset link names the user and their session version: resetting
(or changing) the password raises the version, so a link works once, and an older link
dies with it. A confirmation link works until the address is confirmed.
"""

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from matchhub.accounts.models import User

RESET_SALT = "matchhub.password-reset"
CONFIRM_SALT = "matchhub.confirm-email"
RESET_MAX_AGE = 60 * 60  # one hour
CONFIRM_MAX_AGE = 3 * 24 * 60 * 60  # three days


def _serializer(secret_key: str, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=salt)


def reset_token(secret_key: str, user: User) -> str:
    return _serializer(secret_key, RESET_SALT).dumps([user.id, user.session_version])


def confirm_token(secret_key: str, user: User) -> str:
    return _serializer(secret_key, CONFIRM_SALT).dumps([user.id, user.email])


def _load(secret_key: str, salt: str, token: str, max_age: int) -> list | None:
    try:
        value = _serializer(secret_key, salt).loads(token, max_age=max_age)
    except (BadSignature, TypeError, ValueError):
        return None  # forged, garbled or expired (SignatureExpired is a BadSignature)
    return value if isinstance(value, list) and len(value) == 2 else None


def user_for_reset_token(session: Session, secret_key: str, token: str) -> User | None:
    value = _load(secret_key, RESET_SALT, token, RESET_MAX_AGE)
    if value is None or not all(isinstance(v, int) for v in value):
        return None
    user = session.get(User, value[0])
    if user is None or not user.active or user.session_version != value[1]:
        return None
    return user


def user_for_confirm_token(session: Session, secret_key: str, token: str) -> User | None:
    value = _load(secret_key, CONFIRM_SALT, token, CONFIRM_MAX_AGE)
    if value is None or not isinstance(value[0], int):
        return None
    user = session.get(User, value[0])
    if user is None or user.email != value[1] or user.email_confirmed or not user.active:
        return None
    return user
