"""Multi-year totals: one GROUP BY query by zone, year and quarter, exact sums."""

from decimal import Decimal

import pytest
from sqlalchemy import event

from matchhub.core.extensions import db
from matchhub.zones.statistics.trends import quarterly_totals, scope_series, yearly_totals
from tests.zones.helpers import DINGXI, LANZHOU, load_years, platform_admin


@pytest.fixture
def loaded():
    load_years(platform_admin())


def test_yearly_totals_by_zone_and_year(loaded):
    totals = yearly_totals(db.session, 2014, 2016, "620000")
    assert totals[(LANZHOU, 2015)].volume == Decimal("1500000.00")
    assert totals[(LANZHOU, 2016)].volume == Decimal("350000000.01")
    assert totals[(LANZHOU, 2016)].count == 2
    assert totals[(DINGXI, 2016)].volume == Decimal("200000.00")
    assert (LANZHOU, 2014) not in totals


def test_absorbed_side_groups_by_buyer(loaded):
    totals = yearly_totals(db.session, 2016, 2016, "620000", side="buyer")
    assert totals[(LANZHOU, 2016)].volume == Decimal("200000.00")
    assert totals[(DINGXI, 2016)].volume == Decimal("350000000.01")


def test_scope_series_fills_quarters_and_sums_the_province(loaded):
    quarters = quarterly_totals(db.session, 2015, 2016, "620000")
    lanzhou = scope_series(quarters, LANZHOU, 2015, 2016)
    assert lanzhou[2016][1].volume == Decimal("300000000.00")
    assert lanzhou[2016][4].volume == Decimal("50000000.01")
    assert lanzhou[2016][2].count == 0
    province = scope_series(quarters, None, 2015, 2016)
    assert province[2016][3].volume == Decimal("200000.00")
    assert sum(t.count for t in province[2016].values()) == 3


def test_trend_is_one_query(loaded):
    statements = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yearly_totals(db.session, 2000, 2016, "620000")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1, statements
