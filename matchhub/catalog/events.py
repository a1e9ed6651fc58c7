"""What the catalogue tells the features above it, as blinker signals.

Notifications connects its receivers in ``matchhub.notifications.init_app``. Receivers
run in the sender's transaction (on its ``session``), so what they write is committed
exactly with the step that caused it.
"""

from blinker import Namespace

_signals = Namespace()

# Sent once a person's workflow step on a listing is recorded: sender is the listing,
# with ``session``, ``user`` (who acted) and ``transition`` (action, reason, statuses).
listing_transitioned = _signals.signal("catalog-listing-transitioned")

# Sent once a request for an achievement's confidential detail is recorded: sender is
# the DetailAccess row, with ``session``, ``user`` (the requester) and ``achievement``.
detail_requested = _signals.signal("catalog-detail-requested")

# Sent once the owner grants, denies or revokes such a request: sender is the
# DetailAccess row, with ``session``, ``user`` (the owner) and ``achievement``.
detail_decided = _signals.signal("catalog-detail-decided")
