"""Each user's switches per kind of notification (in the app, by email)."""

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.notifications.kinds import KINDS
from matchhub.notifications.models import NotificationPreference

CHANNELS = ("in_app", "email")


def preferences(session: Session, user: User) -> dict[str, dict[str, bool]]:
    """Every kind with its two switches (on where the user chose nothing)."""
    found = {kind: {"in_app": True, "email": True} for kind in KINDS}
    for row in session.scalars(select(NotificationPreference).where(
            NotificationPreference.user_id == user.id)):
        if row.kind in found:
            found[row.kind] = {"in_app": row.in_app, "email": row.email}
    return found


def wanted(session: Session, user_id: int, kind: str) -> tuple[bool, bool]:
    """(in the app, by email) for one user and kind."""
    row = session.scalar(select(NotificationPreference).where(
        NotificationPreference.user_id == user_id, NotificationPreference.kind == kind))
    return (True, True) if row is None else (row.in_app, row.email)


def save_preferences(session: Session, user: User, chosen: Mapping[str, set[str]]) -> None:
    """Store the channels switched on per kind (kinds not named are switched off)."""
    rows = {row.kind: row for row in session.scalars(select(NotificationPreference).where(
        NotificationPreference.user_id == user.id))}
    for kind in KINDS:
        on = chosen.get(kind, set())
        row = rows.get(kind) or NotificationPreference(user_id=user.id, kind=kind)
        row.in_app, row.email = "in_app" in on, "email" in on
        session.add(row)
    session.flush()
