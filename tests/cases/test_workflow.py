"""The case state machine as data: one step at a time, 终止 from open states only."""

import pytest

from matchhub.cases.workflow import STATES, manual_targets, step_to


@pytest.mark.parametrize("source,target", [
    ("recommended", "contacted"), ("contacted", "negotiating"), ("negotiating", "signed"),
    ("signed", "registered"), ("recommended", "terminated"), ("signed", "terminated"),
])
def test_allowed_steps(source, target):
    assert step_to(source, target) is not None


@pytest.mark.parametrize("source,target", [
    ("recommended", "signed"), ("recommended", "registered"), ("contacted", "recommended"),
    ("negotiating", "contacted"), ("registered", "terminated"), ("terminated", "contacted"),
    ("signed", "signed"),
])
def test_refused_jumps(source, target):
    assert step_to(source, target) is None


def test_terminating_needs_a_reason_and_registering_a_contract():
    assert step_to("contacted", "terminated").needs_reason
    assert step_to("signed", "registered").via_contract
    assert step_to("registered", "signed").via_contract  # cancelling the contract


def test_manual_targets_never_offer_registration():
    assert manual_targets("signed") == ["terminated"]
    assert manual_targets("recommended") == ["contacted", "terminated"]
    assert manual_targets("registered") == manual_targets("terminated") == []
    assert set(STATES) == {"recommended", "contacted", "negotiating", "signed", "registered",
                           "terminated"}
