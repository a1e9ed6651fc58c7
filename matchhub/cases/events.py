"""What match cases tell the features beside them, as blinker signals.

Notifications connects its receivers in ``matchhub.notifications.init_app``; receivers
run in the sender's transaction, on its ``session``.
"""

from blinker import Namespace

_signals = Namespace()

# Sent when a case event (open, assign, transition, plan, achievement) is added:
# sender is the CaseEvent, with ``session``, ``case`` and ``user`` (None for routing).
case_event_recorded = _signals.signal("cases-event-recorded")
