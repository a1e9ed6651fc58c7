"""The permission matrix, cell by cell: every role × relation × state × action, denials included."""

import datetime as dt

import pytest

from matchhub.catalog.access import ACTIONS, can, can_create
from matchhub.core import clock
from tests.factories import (
    AchievementFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

STATES = ["draft", "submitted", "published", "rejected", "withdrawn", "expired"]
EVERYONE = {"anon", "colleague", "stranger", "enterprise", "owner", "org_admin",
            "other_org_admin", "platform_admin", "zone_admin_in", "zone_admin_out", "granted",
            "pending_member"}
SIGNED_IN = EVERYONE - {"anon"}
OWNERS = {"owner", "org_admin"}
REVIEWERS = {"platform_admin", "zone_admin_in"}


def expected(action: str, state: str) -> set[str]:
    """Written out independently of matchhub.catalog.access.MATRIX."""
    table = {
        "view": EVERYONE if state == "published" else OWNERS | REVIEWERS,
        "edit": OWNERS if state in {"draft", "rejected", "withdrawn"} else set(),
        "delete": OWNERS if state == "draft" else set(),
        "submit": OWNERS if state in {"draft", "rejected", "withdrawn"} else set(),
        "approve": REVIEWERS if state == "submitted" else set(),
        "reject": REVIEWERS if state == "submitted" else set(),
        "withdraw": (OWNERS | {"platform_admin"} if state == "published"
                     else OWNERS if state in {"submitted", "expired"} else set()),
        "renew": OWNERS if state in {"published", "expired"} else set(),
        "view_detail": OWNERS | {"platform_admin"}
        | ({"granted"} if state == "published" else set()),
        "view_history": OWNERS | REVIEWERS,
        "manage_detail_access": OWNERS,
        "request_detail": SIGNED_IN if state == "published" else set(),
    }
    return table[action]


@pytest.fixture
def cast(db_session):
    university = OrganisationFactory(kind="university", region_code="620100")
    other_uni = OrganisationFactory(kind="university", region_code="620500")
    company = OrganisationFactory(kind="enterprise")
    users = {
        "anon": None,
        "owner": UserFactory(role="publisher", organisation=university),
        "colleague": UserFactory(role="publisher", organisation=university),
        "stranger": UserFactory(role="publisher", organisation=other_uni),
        "enterprise": UserFactory(role="enterprise", organisation=company),
        "org_admin": UserFactory(role="org_admin", organisation=university),
        "other_org_admin": UserFactory(role="org_admin", organisation=other_uni),
        "platform_admin": UserFactory(role="platform_admin", organisation=None),
        "zone_admin_in": UserFactory(role="zone_admin", organisation=None, zone_code="620100"),
        "zone_admin_out": UserFactory(role="zone_admin", organisation=None, zone_code="620500"),
        "granted": UserFactory(role="enterprise", organisation=company),
        # Asked to join the university; until approved, no organisation role at all.
        "pending_member": MembershipFactory(organisation=university).user,
    }
    return users


def _item(owner, state):
    past = clock.today() - dt.timedelta(days=1)
    if state == "expired":
        return AchievementFactory(created_by=owner, status="published", valid_until=past,
                                  region_code="620100")
    return AchievementFactory(created_by=owner, status=state, region_code="620100")


@pytest.mark.parametrize("state", STATES)
def test_matrix_cell_by_cell(cast, state):
    item = _item(cast["owner"], state)
    mismatches = []
    for action in ACTIONS:
        want = expected(action, state)
        for name, user in cast.items():
            got = can(user, action, item, granted=lambda name=name: name == "granted")
            if got != (name in want):
                mismatches.append(f"{action}/{state}/{name}: got {got}")
    assert mismatches == []


UNVERIFIED_DENIED = {"submit", "renew"}  # may draft, may not put anything before the public


@pytest.mark.parametrize("state", STATES)
def test_members_of_an_unverified_organisation_draft_but_do_not_publish(cast, state):
    item = _item(cast["owner"], state)
    university = cast["owner"].organisation
    university.verified, university.verification_status = False, "unsubmitted"
    mismatches = []
    for action in ACTIONS:
        want = expected(action, state)
        if action in UNVERIFIED_DENIED:
            want = want - OWNERS
        for name in (*OWNERS, "colleague", "pending_member"):
            got = can(cast[name], action, item)
            if got != (name in want):
                mismatches.append(f"{action}/{state}/{name}: got {got}")
    assert mismatches == []


def test_a_verification_that_ran_out_no_longer_counts(cast):
    item = _item(cast["owner"], "draft")
    cast["owner"].organisation.valid_to = clock.today() - dt.timedelta(days=1)
    assert not can(cast["owner"], "submit", item)
    assert can(cast["owner"], "edit", item)


def test_recorded_expired_state_behaves_like_lapsed(cast):
    item = AchievementFactory(created_by=cast["owner"], status="expired")
    assert can(cast["owner"], "renew", item)
    assert not can(None, "view", item)


def test_unknown_action_is_an_error(cast):
    with pytest.raises(KeyError):
        can(cast["owner"], "fly", _item(cast["owner"], "draft"))


@pytest.mark.parametrize(("role", "org_kind", "item_type", "allowed"), [
    ("publisher", "university", "achievement", True),
    ("publisher", "institute", "achievement", True),
    ("org_admin", "university", "achievement", True),
    ("enterprise", "enterprise", "achievement", False),
    ("broker", "transfer_institution", "achievement", False),
    ("org_admin", "enterprise", "achievement", False),
    ("enterprise", "enterprise", "need", True),
    ("org_admin", "enterprise", "need", True),
    ("publisher", "university", "need", False),
    ("broker", "transfer_institution", "need", False),
])
def test_create_rights(db_session, role, org_kind, item_type, allowed):
    user = UserFactory(role=role, organisation=OrganisationFactory(kind=org_kind))
    assert can_create(user, item_type) is allowed


def test_admins_without_organisation_cannot_create(db_session):
    admin = UserFactory(role="platform_admin", organisation=None)
    assert not can_create(admin, "achievement")
    assert not can_create(None, "need")
