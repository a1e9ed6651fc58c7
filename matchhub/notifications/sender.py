"""Deliver the email outbox over SMTP, with retries and a failed state.

``get_mail_sender`` returns ``SmtpMailSender`` when SMTP_HOST is set and
``NullMailSender`` (which sends nothing; emails stay pending) when it is not.
"""

import contextlib
import datetime as dt
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from matchhub.notifications.models import EmailOutbox
from matchhub.notifications.settings import SmtpSettings

BATCH = 200


class MailServerUnavailable(OSError):
    """The SMTP server could not be reached or refused the login."""


class BaseMailSender:
    enabled = True

    def __enter__(self) -> "BaseMailSender":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def send(self, message: EmailMessage) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Release any connection."""


class NullMailSender(BaseMailSender):
    enabled = False

    def send(self, message: EmailMessage) -> None:
        raise MailServerUnavailable("SMTP_HOST is not set")


class SmtpMailSender(BaseMailSender):
    """One SMTP connection per batch, opened at the first message."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        try:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.starttls:
                smtp.starttls()
            if s.user:
                smtp.login(s.user, s.password)
        except OSError as exc:  # smtplib.SMTPException is an OSError too
            raise MailServerUnavailable(f"{s.host}:{s.port}: {exc}") from exc
        return smtp

    def send(self, message: EmailMessage) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message)
        except smtplib.SMTPServerDisconnected:
            self._smtp = None
            raise

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(OSError):
                self._smtp.quit()
            self._smtp = None


def get_mail_sender(settings: SmtpSettings) -> BaseMailSender:
    return SmtpMailSender(settings) if settings.host else NullMailSender()


def build_message(row: EmailOutbox, from_addr: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = from_addr, row.to_addr, row.subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(idstring=f"outbox{row.id}")
    for name, value in (row.headers or {}).items():
        message[name] = value
    message.set_content(row.body_text)
    return message


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def due_emails(session: Session, now: dt.datetime, limit: int = BATCH) -> list[EmailOutbox]:
    return list(session.scalars(select(EmailOutbox).where(
        EmailOutbox.state == "pending",
        or_(EmailOutbox.next_attempt_at.is_(None), EmailOutbox.next_attempt_at <= now))
        .order_by(EmailOutbox.id).limit(limit)))


def _record_failure(row: EmailOutbox, exc: Exception, now: dt.datetime, max_attempts: int,
                    report: SendReport) -> None:
    row.last_error = f"{type(exc).__name__}: {exc}"[:500]
    if row.attempts >= max_attempts:
        row.state = "failed"
        report.failed += 1
    else:  # retry after 2, 4, 8 ... minutes
        row.next_attempt_at = now + dt.timedelta(minutes=2 ** row.attempts)
        report.retrying += 1


def send_pending(session: Session, sender: BaseMailSender, settings: SmtpSettings,
                 now: dt.datetime) -> SendReport:
    """Send the due emails, committing after each so none is sent twice after a crash.
    An unreachable server stops the batch (the rest wait for the next run)."""
    report = SendReport()
    if not sender.enabled:
        return report
    with sender:
        for row in due_emails(session, now):
            row.attempts += 1
            try:
                sender.send(build_message(row, settings.from_addr))
            except OSError as exc:
                _record_failure(row, exc, now, settings.max_attempts, report)
                session.commit()
                if isinstance(exc, MailServerUnavailable):
                    break
                continue
            row.state, row.sent_at, row.last_error = "sent", now, ""
            report.sent += 1
            session.commit()
    return report
