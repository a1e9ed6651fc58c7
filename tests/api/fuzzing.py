"""Schemathesis over /api/v1/openapi.json, driven through the Flask app in process.

Each operation gets ``examples`` generated cases per identity (anonymous and seeded users
whose tokens carry every scope) and per generation mode (valid and invalid input). Every
response must not be a 5xx and, where the status is documented, must match its schema.
Failures are collected rather than raised so one run reports all of them.
"""

import contextlib
import datetime as dt
import traceback
from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from matchhub.accounts.tokens import SCOPES, issue_token
from matchhub.core import clock
from matchhub.core.extensions import db

CHECKS = [not_a_server_error, response_schema_conformance]
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
EXISTING_IDS = (1, 3)


@dataclass
class FuzzReport:
    statuses: Counter = field(default_factory=Counter)  # (operation, status) -> requests
    failures: list[str] = field(default_factory=list)
    # Linked sequences that hypothesis gave up generating (the database answered a replayed
    # step differently): no request failed, the sequence just stopped.
    abandoned: int = 0

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def by_status(self) -> Counter:
        totals: Counter = Counter()
        for (_, status), count in self.statuses.items():
            totals[status] += count
        return totals


def seed_identities() -> dict[str, dict[str, str]]:
    """A small catalogue and the request headers of each identity."""
    from tests.factories import AchievementFactory, NeedFactory, OrganisationFactory, UserFactory

    university = OrganisationFactory(kind="university", region_code="620100")
    company = OrganisationFactory(kind="enterprise", region_code="620400")
    org_admin = UserFactory(role="org_admin", organisation=university)
    admin = UserFactory(role="platform_admin", organisation=None)
    enterprise = UserFactory(role="enterprise", organisation=company)
    for state in ("published", "draft", "submitted"):
        AchievementFactory(created_by=org_admin, status=state)
        NeedFactory(created_by=enterprise, status=state)
    AchievementFactory(created_by=org_admin, valid_until=clock.today() - dt.timedelta(days=1))
    _seed_workflows(org_admin, admin)
    identities = {"anonymous": {}}
    for name, user in (("org_admin", org_admin), ("platform_admin", admin)):
        _, secret = issue_token(db.session, user, "fuzz", list(SCOPES))
        identities[name] = {"Authorization": f"Bearer {secret}"}
    db.session.commit()
    return identities


def _seed_workflows(org_admin, admin) -> None:
    """A contract, a match case and a saved search, so their ids 1 exist."""
    from matchhub.notifications.services import subscribe_search
    from tests.cases.helpers import open_case, pair
    from tests.contracts.people import register

    register(admin)
    open_case(admin, *pair())
    subscribe_search(db.session, org_admin, "achievement", "电池", {}, None, 0.5)


def run(app, identities: dict[str, dict[str, str]], examples: int, seed: int = 0) -> FuzzReport:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    report = FuzzReport()
    for result in schema.get_all_operations():
        operation = result.ok()
        for headers in identities.values():
            for mode, path in _passes(operation):
                _fuzz_operation(app, operation, headers, mode, path, examples, seed, report)
    return report


def _passes(operation):
    """Valid and invalid input, then valid input aimed at seeded rows (ids 1 and 3)."""
    yield from ((mode, None) for mode in MODES)
    names = [p.name for p in operation.path_parameters if p.name.endswith("_id")]
    for row_id in EXISTING_IDS if names else ():
        yield GenerationMode.POSITIVE, dict.fromkeys(names, row_id)


def _fuzz_operation(app, operation, headers, mode, path, examples, seed, report) -> None:
    label = f"{operation.method.upper()} {operation.path}"

    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed == 0,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path))
    def fuzz(case):
        _one_case(app, case, headers, label, report)

    if seed:
        fuzz = hypothesis_seed(seed)(fuzz)
    with contextlib.suppress(Unsatisfiable):  # no invalid input for parameterless operations
        fuzz()


def _one_case(app, case, headers, label, report) -> None:
    try:
        response = case.call(headers=headers)
    except Exception:  # TESTING propagates exceptions: each one would have been a 500
        record_crash(app, report, label, _curl(case, headers))
        return
    report.statuses[(label, response.status_code)] += 1
    try:
        case.validate_response(response, checks=CHECKS, headers=headers)
    except FailureGroup as exc:  # every failed check of this response
        report.failures.append(f"{label} -> {response.status_code}: {exc}")


def record_crash(app, report: FuzzReport, label: str, request: str) -> None:
    """Count an exception the app raised (a 500 in production) and roll its session back."""
    report.statuses[(label, 500)] += 1
    report.failures.append(f"{label}: {request}\n{traceback.format_exc()}")
    with app.app_context():
        db.session.rollback()


def _curl(case, headers) -> str:
    try:
        return case.as_curl_command(headers=headers)
    except Exception:  # a malformed case cannot always be written as a command
        return repr(case)


def format_report(report: FuzzReport) -> str:
    lines = [f"requests: {report.requests}",
             "by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(report.by_status().items())),
             f"failures: {len(report.failures)}"
             + (f", sequences abandoned: {report.abandoned}" if report.abandoned else ""), ""]
    operations = sorted({op for op, _ in report.statuses})
    for op in operations:
        counts = {s: n for (o, s), n in sorted(report.statuses.items()) if o == op}
        lines.append(f"{op:60} {sum(counts.values()):5}  "
                     + " ".join(f"{s}:{n}" for s, n in counts.items()))
    return "\n".join(lines)
