"""Refused case transitions (not allowed, or not possible from the case's state) are in
the audit log, for the page and the API alike (issue 14: audit failed transitions)."""

from sqlalchemy import select

from matchhub.audit.models import AuditEntry
from matchhub.core.extensions import db
from tests.api.helpers import assert_error, bearer
from tests.cases.helpers import open_case
from tests.factories import BrokerFactory
from tests.web.helpers import login

SCOPES = ["cases:read", "cases:write"]


def _refusals(case) -> list[tuple[int, str, str]]:
    rows = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "case.refused", AuditEntry.target_id == case.id)
        .order_by(AuditEntry.id))
    return [(e.actor_id, e.details["requested"], e.details["outcome"]) for e in rows]


def test_refused_api_case_transitions_are_audited(client, db_session):
    broker = BrokerFactory()
    case = open_case(broker)
    party = case.need.created_by  # sees the case, may not move it
    url = f"/api/v1/cases/{case.id}/transition"
    assert_error(client.post(url, json={"to": "contacted", "version": 1},
                             headers=bearer(party, SCOPES)), 403, "forbidden")
    assert_error(client.post(url, json={"to": "signed", "version": 1},
                             headers=bearer(broker, SCOPES)), 409, "invalid_transition")
    assert _refusals(case) == [(party.id, "contacted", "denied"),
                               (broker.id, "signed", "invalid")]


def test_refused_page_case_transition_is_audited(client, db_session):
    broker = BrokerFactory()
    case = open_case(broker)
    party = case.need.created_by
    db_session.commit()
    login(client, party)
    response = client.post(f"/cases/{case.id}/transition", data={"to": "contacted",
                                                                  "version": "1"})
    assert response.status_code == 403
    assert _refusals(case) == [(party.id, "contacted", "denied")]
