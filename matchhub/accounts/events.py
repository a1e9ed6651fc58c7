"""What accounts tells the features above it, as blinker signals.

Accounts sits below notifications, which owns the email outbox: accounts composes the
email and sends ``email_requested``; notifications connects the receiver that queues it
(``matchhub.notifications.init_app``). Receivers run in the sender's transaction, so an
email is queued exactly when the change that asks for it is committed.
"""

from blinker import Namespace

_signals = Namespace()

# sender: None, with ``session``, ``to_addr``, ``subject`` and ``body`` (plain text).
email_requested = _signals.signal("accounts-email-requested")
