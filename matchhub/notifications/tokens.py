"""Unsubscribe links: the subscription id and its nonce, signed with the app's secret key.

Signing (rather than a stored random token) lets every digest carry a working link
without keeping the secret; changing the nonce revokes all earlier links.
"""

import hmac
import secrets

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from matchhub.notifications.models import Subscription

SALT = "matchhub.unsubscribe"


def new_nonce() -> str:
    return secrets.token_hex(16)


def unsubscribe_token(secret_key: str, subscription: Subscription) -> str:
    serializer = URLSafeSerializer(secret_key, salt=SALT)
    return serializer.dumps([subscription.id, subscription.unsubscribe_nonce])


def subscription_for_token(session: Session, secret_key: str, token: str) -> Subscription | None:
    """The subscription a genuine token names; None for a forged, garbled or revoked one."""
    try:
        sub_id, nonce = URLSafeSerializer(secret_key, salt=SALT).loads(token)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(sub_id, int) or not isinstance(nonce, str):
        return None
    found = session.get(Subscription, sub_id)
    if found is None or not hmac.compare_digest(found.unsubscribe_nonce, nonce):
        return None
    return found
