"""Password hashing with Argon2id (argon2-cffi)."""

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _hasher.hash("matchhub: no such account")


def verify_nothing(password: str) -> bool:
    """The work of checking a password, for an email with no account: signing in answers
    as slowly for an unknown email as for a known one, so timing does not tell them
    apart. Always False."""
    verify_password(_dummy_hash(), password)
    return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
