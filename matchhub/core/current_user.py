"""The signed-in user for the code that serves a request."""

from flask_login import current_user


def me():
    """The signed-in user object, or None for visitors."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def signed_in(user) -> bool:
    """Whether ``user`` is a signed-in, active account (None and visitors are not)."""
    return user is not None and getattr(user, "is_authenticated", False) and user.active
