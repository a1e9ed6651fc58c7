"""Public summaries: small cells are hidden, and so is whatever would let them be worked
out. The attacker here collects every published figure of every zone, the province and
every lattice period, writes each as a sum of unknown base cells, and tries to recover
each hidden small figure by any chain of additions and subtractions (it is recoverable
exactly when its vector lies in the span of the published ones)."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

from matchhub.contracts.vocabulary import report_types
from matchhub.core.extensions import db
from matchhub.core.regions import zones
from matchhub.zones.statistics.periods import Period
from matchhub.zones.statistics.public_summary import province_summary, zone_summary
from matchhub.zones.statistics.suppression import LATTICE, lattice_period
from tests.web.helpers import text
from tests.zones.ledger import insert_contracts

TODAY = dt.date(2026, 11, 28)
A, B, C = "620100", "621100", "620500"  # 兰州, 定西, 天水
Q_MONTH = {1: 2, 2: 5, 3: 8, 4: 11}
SMALL = Decimal("1000000.00")  # 兰州's one contract of Q1


def contract(n: int, zone: str, quarter: int, volume: str, kind: str = "development") -> dict:
    day = dt.date(2016, Q_MONTH[quarter], 1 + n % 27)
    subtype = {"development": "entrusted", "consulting": ""}[kind]
    return {"registration_number": f"S{n:09d}", "name": f"合同{n}", "contract_type": kind,
            "contract_subtype": subtype, "signed_on": day, "registered_on": day,
            "volume": Decimal(volume), "tech_income": Decimal(volume),
            "seller_name": f"卖方{n}", "seller_party_type": "university",
            "seller_region_code": zone, "buyer_name": f"买方{n}",
            "buyer_party_type": "enterprise_llc", "buyer_region_code": "610100",
            "tech_field": "agriculture", "ip_type": "none"}


@pytest.fixture
def ledger():
    """兰州: 1, 5, 4, 3 contracts by quarter; 定西: 4 a quarter, one of them (Q1) a
    consultancy; 天水: two contracts, both in Q4."""
    rows, n = [], 0
    plan = [(A, 1, 1), (A, 2, 5), (A, 3, 4), (A, 4, 3), (B, 1, 4), (B, 2, 4), (B, 3, 4),
            (B, 4, 4), (C, 4, 2)]
    for zone, quarter, count in plan:
        for i in range(count):
            n += 1
            kind = "consulting" if (zone, quarter, i) == (B, 1, 0) else "development"
            volume = str(SMALL) if (zone, quarter) == (A, 1) else str(100000 * n + 7 * i)
            rows.append(contract(n, zone, quarter, volume, kind))
    insert_contracts(rows, TODAY, status="active")
    return rows


class Attacker:
    """Published sums as rows of a 0/1 matrix over the unknown base cells."""

    def __init__(self, cells: list):
        self.index = {cell: i for i, cell in enumerate(cells)}
        self.rows: list[np.ndarray] = []

    def vector(self, cells) -> np.ndarray:
        row = np.zeros(len(self.index))
        for cell in cells:
            row[self.index[cell]] = 1
        return row

    def learn(self, cells) -> None:
        self.rows.append(self.vector(cells))

    def recovers(self, cells) -> bool:
        known = np.array(self.rows)
        rank = np.linalg.matrix_rank(known)
        return np.linalg.matrix_rank(np.vstack([known, self.vector(cells)])) == rank


def summaries():
    """Every public summary of 2016 with contracts: the province and the three zones,
    each lattice period (the other zones' counts, public, are zero)."""
    for key, _quarters in LATTICE:
        period = lattice_period(2016, key)
        yield key, "province", province_summary(db.session, period, TODAY)
        for code in (A, B, C):
            yield key, code, zone_summary(db.session, code, period, TODAY, breakdowns=False)


def test_no_hidden_total_can_be_worked_out(ledger):
    scopes = [*zones(), ""]  # "" = in the province, in no zone
    attacker = Attacker([(z, q) for z in scopes for q in (1, 2, 3, 4)])
    for zone in scopes:
        if zone not in (A, B, C):
            for q in (1, 2, 3, 4):
                attacker.learn([(zone, q)])  # a public count of zero: a zero amount
    quarters = dict(LATTICE)
    hidden, published = [], set()
    for key, scope, summary in summaries():
        members = [(z, q) for z in (scopes if scope == "province" else [scope])
                   for q in quarters[key]]
        total = summary.calibers[0].total
        if not total.count:
            for cell in members:  # counts are public: a zero count is a zero amount
                attacker.learn([cell])
        if total.hidden:
            hidden.append((key, scope, total.count, members))
        else:
            attacker.learn(members)
            published.add((key, scope))
    small = [(key, scope) for key, scope, count, _m in hidden if 0 < count < 3]
    assert {("Q1", A), ("Q4", C), ("Y", C)} <= set(small)
    for key, scope, count, members in hidden:
        assert not attacker.recovers(members), (key, scope, count)
    # The naive subtractions fail because their other terms are hidden too:
    assert ("H1", A) in published and ("Q2", A) not in published  # H1 - Q2 is no answer
    assert ("Q1", "province") in published and ("Q1", B) not in published
    assert ("Y", A) in published and ("Y", "province") in published


def test_no_hidden_breakdown_cell_can_be_worked_out(ledger):
    types = report_types(2016)
    codes = {label: code for code, label in types.labels.items()}
    attacker = Attacker([(q, c) for q in (1, 2, 3, 4) for c in types.codes])
    counts = Attacker([(q, c) for q in (1, 2, 3, 4) for c in types.codes])
    for q in (1, 2, 3, 4):  # every quarter's contract count is public
        counts.learn([(q, c) for c in types.codes])
    quarters = dict(LATTICE)
    hidden = []
    for key, _q in LATTICE:
        summary = zone_summary(db.session, B, lattice_period(2016, key), TODAY)
        caliber = summary.calibers[0]
        if not caliber.total.hidden:
            attacker.learn([(q, c) for q in quarters[key] for c in types.codes])
        breakdown = next(b for b in caliber.breakdowns if b.name == "按合同类型")
        for label, figure in breakdown.rows:
            members = [(q, codes[label]) for q in quarters[key]]
            if figure.hidden:
                hidden.append((key, label, members))
            else:
                attacker.learn(members)
                counts.learn(members)
    consultancy = [(key, members) for key, label, members in hidden if label == "技术咨询"]
    assert {key for key, _m in consultancy} >= {"Q1", "H1", "9M", "Y"}
    for key, label, members in hidden:
        assert not attacker.recovers(members), (key, label)
        assert not counts.recovers(members), (key, label)
    assert ("H1", "技术开发") not in {(key, label) for key, label, _m in hidden}


def test_anonymous_page_hides_the_small_cell(client, ledger):
    db.session.commit()
    page = text(client.get(f"/zones/{A}?year=2016&quarter=1"))
    assert "公开摘要" in page and "不公开" in page
    assert "100.00 万元" not in page  # 兰州's single Q1 contract
    page = text(client.get("/zones?year=2016"))
    assert "未列入排名（合同少于 3 项" in page and "天水市" in page
    assert "全省第" not in page


def test_public_periods_are_complete_quarters_only(ledger):
    today = dt.date(2016, 11, 28)
    summary = zone_summary(db.session, B, Period.of_year(2016), today)
    assert summary.period == Period.year_to(dt.date(2016, 9, 30))
    assert zone_summary(db.session, B, Period.quarter(2016, 4), today).period is None
    ytd = zone_summary(db.session, B, Period.year_to(dt.date(2016, 8, 1)), TODAY)
    assert ytd.period == Period.half(2016, 1)
