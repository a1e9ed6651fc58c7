"""A stateful pass over the JSON API: schemathesis chains operations through the links it
infers from the OpenAPI document (an item created by POST is then read, changed, moved
through its transitions, linked into a case and a contract), so calls reach real rows
instead of 404s. Every response must not be a 5xx and must match its documented schema.

Each identity (seeded as for the stateless campaign, tests/api/fuzzing.py) runs its own
sequences, one hypothesis run each: the database keeps what earlier steps wrote, so a
replayed step can find another state, and hypothesis then abandons that run (counted, not
a failure) rather than spoiling the others. A response's status is counted per operation,
and failures are collected.
"""

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from hypothesis.errors import FlakyStrategyDefinition

from tests.api.fuzzing import CHECKS, FuzzReport, record_crash


def run(app, identities: dict[str, dict[str, str]], examples: int, steps: int) -> FuzzReport:
    """``examples`` random sequences of up to ``steps`` calls per identity."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    report = FuzzReport()
    for headers in identities.values():
        machine = _machine(schema, app, headers, report)
        for _ in range(examples):
            try:
                machine.run(settings=settings(
                    max_examples=1, stateful_step_count=steps, deadline=None,
                    database=None, phases=[Phase.generate],
                    suppress_health_check=list(HealthCheck)))
            except FlakyStrategyDefinition:
                report.abandoned += 1
    return report


def _machine(schema, app, headers: dict[str, str], report: FuzzReport):
    base = schema.as_state_machine()

    class Workflow(base):
        def get_call_kwargs(self, case):
            return {"headers": headers}

        def call(self, case, **kwargs):
            label = f"{case.operation.method.upper()} {case.operation.path}"
            try:
                response = case.call(**kwargs)
            except Exception:  # TESTING propagates exceptions: each would have been a 500
                record_crash(app, report, label, "(stateful)")
                raise
            report.statuses[(label, response.status_code)] += 1
            return response

        def validate_response(self, response, case, additional_checks=(), **kwargs):
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except Exception as exc:  # every failed check of this response
                label = f"{case.operation.method.upper()} {case.operation.path}"
                report.failures.append(f"{label} -> {response.status_code} (stateful): {exc}")

    return Workflow
