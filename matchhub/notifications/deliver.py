"""Tell people about something: an in-app notification and a queued email, each as the
person's preferences for that kind allow, on the caller's session (so they commit with
the change that caused them)."""

from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app, has_request_context, url_for
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.notifications.emails import SIGNATURE
from matchhub.notifications.models import EmailOutbox, Notification
from matchhub.notifications.preferences import wanted


@dataclass(frozen=True)
class Message:
    kind: str
    title: str
    body: str
    link: str  # a path inside the site


def path_for(endpoint: str, **values) -> str:
    """A site path, also outside a request (the scheduler, the CLI)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        return url_for(endpoint, **values)


def _email(user: User, message: Message) -> EmailOutbox:
    url = current_app.config["PUBLIC_URL"].rstrip("/") + message.link
    body = "\n".join([f"{user.display_name}，您好：", "", message.title, "",
                      message.body, "", f"查看详情：{url}", "", SIGNATURE])
    return EmailOutbox(to_addr=user.email, subject=f"【MatchHub】{message.title}"[:200],
                       body_text=body)


def notify(session: Session, users: Iterable[User | None], message: Message,
           actor: User | None = None) -> int:
    """Notify each distinct user once (never the actor); returns how many were told."""
    told: set[int] = set()
    for user in users:
        if user is None or user.id in told or (actor is not None and user.id == actor.id):
            continue
        told.add(user.id)
        in_app, by_email = wanted(session, user.id, message.kind)
        if in_app:
            session.add(Notification(user_id=user.id, kind=message.kind,
                                     title=message.title[:200], body=message.body,
                                     link=message.link))
        if by_email and user.active and user.email:
            session.add(_email(user, message))
    return len(told)
