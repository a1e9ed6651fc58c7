"""What the registry tells the features above it, as blinker signals (Flask ships blinker).

The registry sits below match cases, so it names no case code: cases connects its
receivers in ``matchhub.cases.init_app``. Receivers run in the sender's transaction.
"""

from blinker import Namespace

_signals = Namespace()

# Sent before a contract is written with a new link to a match case: sender is the
# contract, with ``session``, ``user`` and ``case_id``. A receiver refuses the link by
# raising ValidationFailed on ``match_case_id``.
case_link_requested = _signals.signal("contract-case-link-requested")

# Sent once a contract's cancellation (撤销) is flushed: sender is the contract, with
# ``session`` and ``user``.
contract_cancelled = _signals.signal("contract-cancelled")

# The registry officers' review of a registration: sent once the step is flushed, with
# the contract as sender and ``session``, ``user`` (who acted) and ``reason`` (the
# officer's words when returning it; may be empty). Notifications tells the registrant,
# the parties and the broker.
contract_submitted = _signals.signal("contract-submitted")
contract_confirmed = _signals.signal("contract-confirmed")
contract_returned = _signals.signal("contract-returned")
