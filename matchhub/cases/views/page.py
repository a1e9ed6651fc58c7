"""Build and render a case's detail page: parties, offers, brokers, plan, history, the
allowed transitions, the contract registered from it and the parties' ratings."""

from flask import render_template

from matchhub.cases import access, ratings, services, workflow
from matchhub.cases.models import MatchCase
from matchhub.cases.planning import is_overdue
from matchhub.contracts.queries import contracts_of_case
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.extensions import db
from matchhub.matching.services import matches_for
from matchhub.search import get_search_backend

ADDABLE_STATES = frozenset({"recommended", "contacted", "negotiating"})
CANDIDATES = 10


def _candidates(case: MatchCase, user, can_work: bool) -> list:
    """Achievements matched to the case's need that it does not offer yet, best first."""
    if not can_work or case.status not in ADDABLE_STATES:
        return []
    linked = {a.id for a in case.achievements}
    matches = matches_for(db.session, get_search_backend(), user, case.need, today(),
                          limit=CANDIDATES + len(linked))
    return [m.row for m in matches if m.row.id not in linked][:CANDIDATES]


def render_case(case: MatchCase, status: int = 200, problem: str = "",
                errors: dict | None = None, form: dict | None = None):
    """The page; after a refused write, ``problem``/``errors`` and what was typed."""
    user = me()
    can_work = access.can_work(user, case)
    body = render_template(
        "cases/detail.html", case=case, history=services.history(db.session, case),
        targets=workflow.manual_targets(case.status), can_work=can_work,
        candidates=_candidates(case, user, can_work),
        can_rate=access.can_rate(user, case), ratings=ratings.ratings_of(db.session, case),
        my_rating=ratings.rating_by(db.session, case, user),
        contracts=contracts_of_case(db.session, case.id),
        overdue=is_overdue(case, today()), problem=problem, errors=errors or {},
        form=form or {}, states=workflow.STATES)
    return body, status
