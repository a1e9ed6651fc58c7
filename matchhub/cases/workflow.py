"""The match-case state machine, as data.

推荐 → 已联系 → 洽谈中 → 已签约 → 已登记, one step at a time; 终止 (with a reason) from any
state that is not closed. 已登记 is reached only by registering the contract from the case,
and left (back to 已签约) only by cancelling that contract.
"""

from dataclasses import dataclass

STATES: dict[str, str] = {
    "recommended": "推荐",
    "contacted": "已联系",
    "negotiating": "洽谈中",
    "signed": "已签约",
    "registered": "已登记",
    "terminated": "终止",
}
OPEN_STATES = frozenset({"recommended", "contacted", "negotiating", "signed"})
CLOSED_STATES = frozenset({"registered", "terminated"})
# Cases with an outcome: the denominator of the conversion rate.
DECIDED_STATES = frozenset({"signed", "registered", "terminated"})
WON_STATES = frozenset({"signed", "registered"})
INITIAL = "recommended"


@dataclass(frozen=True)
class Step:
    sources: frozenset[str]
    target: str
    needs_reason: bool = False
    via_contract: bool = False  # only registering a contract takes this step


STEPS: tuple[Step, ...] = (
    Step(frozenset({"recommended"}), "contacted"),
    Step(frozenset({"contacted"}), "negotiating"),
    Step(frozenset({"negotiating"}), "signed"),
    Step(frozenset({"signed"}), "registered", via_contract=True),
    # Cancelling the registered contract withdraws the registration, not the signing.
    Step(frozenset({"registered"}), "signed", via_contract=True),
    Step(OPEN_STATES, "terminated", needs_reason=True),
)


def label(state: str) -> str:
    return STATES.get(state, state)


def step_to(source: str, target: str) -> Step | None:
    """The step from ``source`` to ``target``; None when that jump is not allowed."""
    return next((s for s in STEPS if s.target == target and source in s.sources), None)


def manual_targets(source: str) -> list[str]:
    """The states a person may move a case to from ``source`` by hand."""
    return [s.target for s in STEPS if source in s.sources and not s.via_contract]
