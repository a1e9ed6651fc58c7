"""Passwords and sessions of an account: change (current password required), reset from
an emailed link, sign out everywhere, and ending every session and API token for good
(password change or reset, deactivation). Each is audited."""

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from matchhub.accounts.models import ApiToken, User
from matchhub.accounts.passwords import hash_password, verify_password
from matchhub.accounts.services import UserInput, password_inputs
from matchhub.accounts.strength import password_problem
from matchhub.audit import services as audit
from matchhub.core.db_types import utcnow
from matchhub.core.errors import FieldErrors


def end_sessions(session: Session, user: User) -> None:
    """Raise the session version: every cookie issued before stops working."""
    user.session_version = (user.session_version or 0) + 1


def revoke_tokens(session: Session, user: User) -> int:
    """Revoke every live API token of ``user``; how many were live."""
    result = session.execute(update(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).values(revoked_at=utcnow()))
    return result.rowcount or 0


def end_everything(session: Session, user: User) -> int:
    """Sessions, remember-me cookies, reset links and API tokens all end; nothing brings
    them back (reactivation does not)."""
    end_sessions(session, user)
    return revoke_tokens(session, user)


def _check_new_password(session: Session, user: User, password: str,
                        errors: FieldErrors, field: str = "new_password") -> None:
    data = UserInput(user.email, user.display_name, "", user.role, user.org_id,
                     phone=user.phone)
    problem = password_problem(password, password_inputs(session, data))
    if problem:
        errors.add(field, problem)


def _set_password(session: Session, user: User, password: str) -> int:
    user.password_hash = hash_password(password)
    revoked = end_everything(session, user)
    session.flush()
    return revoked


def change_password(session: Session, user: User, current: str, new: str) -> None:
    errors = FieldErrors()
    if not verify_password(user.password_hash, current):
        errors.add("current_password", "当前密码不正确")
    _check_new_password(session, user, new, errors)
    if new == current:
        errors.add("new_password", "新密码不能与当前密码相同")
    errors.raise_if_any()
    revoked = _set_password(session, user, new)
    audit.record(session, user, "password.change", user, user.email, tokens_revoked=revoked)


def reset_password(session: Session, user: User, new: str) -> None:
    """Set a new password from a reset link (the link was checked by the caller). The
    link reached the address, so it also confirms it."""
    errors = FieldErrors()
    _check_new_password(session, user, new, errors)
    errors.raise_if_any()
    user.email_confirmed = True
    revoked = _set_password(session, user, new)
    audit.record(session, user, "password.reset", user, user.email, tokens_revoked=revoked)


def sign_out_everywhere(session: Session, user: User) -> None:
    end_sessions(session, user)
    audit.record(session, user, "sessions.revoke", user, user.email)
    session.flush()


def find_active_user(session: Session, email: str) -> User | None:
    """The active account of a (normalised) email, for a reset link."""
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower(),
                                             User.active.is_(True)))
