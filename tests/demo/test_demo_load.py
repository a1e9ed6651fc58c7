"""load_demo, reset_demo and ``matchhub demo --no-serve``."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select

from matchhub.accounts.models import BrokerProfile, InstitutionProfile, Organisation, User
from matchhub.accounts.services import authenticate
from matchhub.catalog.models import Achievement, Need, Transition
from matchhub.core.extensions import db
from matchhub.core.identifiers import normalise_credit_code
from matchhub.core.vocabularies import vocabulary
from matchhub.demo.achievements import SOURCE_NOTE, synthetic_terms
from matchhub.demo.files import RECORDS_PATH, load_demo_json
from matchhub.demo.loader import load_demo
from matchhub.demo.organisations import DEMO_PASSWORD
from matchhub.demo.reset import reset_demo
from tests.factories import AchievementFactory

TODAY = dt.date(2026, 3, 1)


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def transitions_by_item(item_type: str) -> dict[int, list[str]]:
    rows = db.session.execute(select(Transition.item_id, Transition.action)
                              .where(Transition.item_type == item_type).order_by(Transition.id))
    found: dict[int, list[str]] = {}
    for item_id, action in rows:
        found.setdefault(item_id, []).append(action)
    return found


# The CSL records of 工学, 理学, 农学 and 医学 (443 + 95 + 96 + 103).
TECHNOLOGY_RECORDS = 737


def load():
    summary = load_demo(db.session, RECORDS_PATH, TODAY)
    db.session.commit()
    assert summary is not None
    return summary


def test_load_publishes_the_technology_records_with_history():
    load()
    achievements = db.session.scalars(select(Achievement)).all()
    assert len(achievements) == TECHNOLOGY_RECORDS
    assert {a.discipline for a in achievements}.isdisjoint({"历史学", "法学", "哲学", "艺术学"})
    assert {a.status for a in achievements} == {"published"}
    assert all(a.is_demo and a.source_note == SOURCE_NOTE for a in achievements)
    assert all(a.published_at is not None and a.valid_until == TODAY + dt.timedelta(days=365)
               for a in achievements)
    assert {3, 8} <= {a.trl for a in achievements} <= set(range(3, 9))
    priced = [a.asking_price for a in achievements if not a.price_negotiable]
    assert priced and all(isinstance(p, Decimal) and p > 0 for p in priced)
    assert all(a.asking_price is None for a in achievements if a.price_negotiable)
    history = transitions_by_item("achievement")
    assert all(history[a.id] == ["submit", "approve"] for a in achievements)
    orgs = {a.owner_org.region_code == a.region_code and a.owner_org.is_demo for a in achievements}
    assert orgs == {True}


def test_load_publishes_the_demo_needs_and_the_cast():
    load()
    needs = db.session.scalars(select(Need)).all()
    assert len(needs) == len(load_demo_json("needs.json")["needs"])
    assert {n.status for n in needs} == {"published"}
    assert {n.source_note for n in needs} == {"演示数据：为演示编写的虚构需求"}
    assert all(n.owner_org.kind == "enterprise" and n.is_demo for n in needs)
    assert all(transitions_by_item("need")[n.id] == ["submit", "approve"] for n in needs)

    users = db.session.scalars(select(User)).all()
    assert {u.role for u in users} == set(vocabulary("roles").codes)
    assert all(normalise_credit_code(o.credit_code) == o.credit_code
               for o in db.session.scalars(select(Organisation)))
    zone_admin = next(u for u in users if u.role == "zone_admin")
    assert zone_admin.zone_code == "620100"
    assert count(BrokerProfile) == 2 and count(InstitutionProfile) == 3
    assert authenticate(db.session, "admin@demo.example", DEMO_PASSWORD).role == "platform_admin"


def test_second_load_is_skipped():
    load()
    assert load_demo(db.session, RECORDS_PATH, TODAY) is None
    assert count(Achievement) == TECHNOLOGY_RECORDS
    assert count(Organisation) == len(load_demo_json("organisations.json")["organisations"])


def test_reset_removes_only_demo_rows_then_reloads():
    load()
    own = AchievementFactory(title="非演示成果")
    db.session.commit()
    removed = reset_demo(db.session)
    db.session.commit()
    assert removed == TECHNOLOGY_RECORDS + len(load_demo_json("needs.json")["needs"])
    assert count(Achievement) == 1 and count(Need) == 0
    assert count(Organisation, Organisation.is_demo) == 0
    assert count(User, User.email.like("%@demo.example")) == 0
    assert db.session.get(Achievement, own.id).title == "非演示成果"
    load()
    assert count(Achievement) == TECHNOLOGY_RECORDS + 1


def test_synthetic_terms_are_deterministic():
    record = {"id": "csl-dev-0042", "category": "工学"}
    assert synthetic_terms(record) == synthetic_terms(dict(record))


def test_demo_command_loads_once_and_prints_accounts(runner):
    result = runner.invoke(args=["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert f"{TECHNOLOGY_RECORDS} 项成果" in result.output
    assert DEMO_PASSWORD in result.output and "admin@demo.example" in result.output
    assert "CSL" in result.output

    again = runner.invoke(args=["demo", "--no-serve"])
    assert again.exit_code == 0 and "跳过加载" in again.output
    assert count(Achievement) == TECHNOLOGY_RECORDS

    reset = runner.invoke(args=["demo", "--no-serve", "--reset"])
    assert reset.exit_code == 0 and "已删除演示数据" in reset.output
    assert count(Achievement) == TECHNOLOGY_RECORDS


def test_load_registers_demo_contracts_that_the_zone_report_counts():
    from matchhub.contracts.models import Contract
    from matchhub.zones.statistics.report import build_report

    load()
    contracts = db.session.scalars(select(Contract)).all()
    assert len(contracts) > 3000 and all(c.is_demo for c in contracts)
    assert all(c.name.endswith("合同") and "技术技术" not in c.name and "演示" not in c.name
               for c in contracts)
    assert all("（演示）" in c.seller_name and "（演示）" in c.buyer_name for c in contracts)
    # Ten years before this one and this year up to today.
    assert {c.registered_on.year for c in contracts} == set(range(2016, 2027))
    assert max(c.registered_on for c in contracts) <= TODAY
    report = build_report(db.session, 2025, today=TODAY)
    lanzhou = report.zones[0].indicators
    assert lanzhou["contract_count_output"].value > 0
    assert Decimal(report.province.indicators["contract_volume_output"].value) > 0


def test_reset_removes_demo_contracts_and_keeps_others_unlinked():
    from matchhub.contracts.models import Contract
    from matchhub.contracts.services import create_contract
    from tests.contracts.helpers import contract_input

    load()
    admin = db.session.scalar(select(User).where(User.email == "admin@demo.example"))
    own = create_contract(db.session, admin, contract_input(), TODAY)
    db.session.commit()
    reset_demo(db.session)
    db.session.commit()
    assert db.session.scalars(select(Contract)).all() == [own]
    assert own.created_by_id is None


def test_load_leaves_demo_cases_in_every_stage():
    from matchhub.cases.models import MatchCase
    from matchhub.cases.workflow import STATES

    load()
    cases = db.session.scalars(select(MatchCase)).all()
    assert {c.status for c in cases} == set(STATES)
    from matchhub.contracts.models import Contract

    registered = next(c for c in cases if c.status == "registered")
    contract = db.session.scalar(select(Contract).where(Contract.match_case_id == registered.id))
    assert contract.is_demo and contract.status == "active"
    terminated = next(c for c in cases if c.status == "terminated")
    assert terminated.close_reason


def test_load_builds_one_zone_with_an_approved_plan_targets_values_and_a_draft():
    from matchhub.zones.models import ReportedValue, Target
    from matchhub.zones.programme.plans import get_plan
    from matchhub.zones.programme.report_sections import section_texts

    load()
    plan = get_plan(db.session, "620100")
    assert plan.status == "approved" and plan.start_year == TODAY.year - 1
    # The end year's target from the approved plan, and one for each of the two years.
    assert count(Target, Target.scope_code == "620100") == 3
    assert count(ReportedValue, ReportedValue.zone_code == "620100") == 3
    texts = section_texts(db.session, "620100", TODAY.year)
    assert texts["foundation"] and not texts["tasks"]  # a draft: some sections still empty
