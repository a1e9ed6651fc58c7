"""The signed-in user for the code that serves a request."""

from flask_login import current_user


def me():
    """The signed-in user object, or None for visitors."""
    return current_user._get_current_object() if current_user.is_authenticated else None
