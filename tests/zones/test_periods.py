"""Periods: the Period object, and half-year, quarter and year-to-date reports with their
same-period growth checked against a computation written separately here over a ledger
seeded here (both calibers, with breakdowns)."""

import datetime as dt
import json
import random
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest

from matchhub.core.extensions import db
from matchhub.zones.statistics.periods import Period, PeriodError, period_from
from matchhub.zones.statistics.report import build_report
from tests.zones.ledger import insert_contracts

TODAY = dt.date(2026, 11, 28)
ZONES = ("620100", "621100", "620500")  # 兰州, 定西, 天水
OUTSIDE = "610100"  # 西安: another province, counted on neither side
TYPES = (("development", "entrusted"), ("consulting", ""), ("service", ""),
         ("transfer", "patent"))
FIELDS = ("agriculture", "new_energy", "biomedicine")


def test_period_bounds_labels_and_the_same_period_a_year_before():
    h1 = Period.half(2016, 1)
    assert (h1.start, h1.end, h1.label) == (dt.date(2016, 1, 1), dt.date(2016, 6, 30),
                                            "2016年上半年")
    assert h1.previous() == Period.half(2015, 1)
    assert h1.growth_label == "同比（与2015年上半年相比）"
    q3 = Period.quarter(2016, 3)
    assert (q3.start, q3.end, q3.quarters) == (dt.date(2016, 7, 1), dt.date(2016, 9, 30), (3,))
    leap = Period.year_to(dt.date(2016, 2, 29))
    assert leap.previous().end == dt.date(2015, 2, 28)
    assert leap.label == "2016年1月1日至2月29日"
    cut = Period.of_year(2026).cut_at(dt.date(2026, 5, 10))
    assert (cut.end, cut.quarters, cut.label) == (dt.date(2026, 5, 10), (1, 2),
                                                  "2026年（截至5月10日）")
    assert cut.previous().end == dt.date(2025, 5, 10)
    assert Period.of_year(2016).cut_at(TODAY) == Period.of_year(2016)


@pytest.mark.parametrize(("args", "field"), [
    ({"half": 1, "quarter": 2}, "quarter"), ({"half": 3}, "half"), ({"quarter": 0}, "quarter"),
    ({"to": dt.date(2017, 1, 1)}, "to")])
def test_bad_periods_name_their_argument(args, field):
    with pytest.raises(PeriodError) as error:
        period_from(2016, **args)
    assert error.value.field == field


def ledger(seed: int = 16) -> list[dict]:
    """About 300 contracts over 2015-2016 between the three zones and outside."""
    rng = random.Random(seed)
    rows = []
    for n in range(300):
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(731))
        kind, subtype = rng.choice(TYPES)
        volume = Decimal(rng.randrange(1, 2_000_000_000)) / 100
        rows.append({
            "registration_number": f"P{n:09d}", "name": f"合同{n}", "contract_type": kind,
            "contract_subtype": subtype, "signed_on": day, "registered_on": day,
            "volume": volume, "tech_income": volume, "seller_name": f"卖方{n}",
            "seller_party_type": rng.choice(("university", "enterprise_llc")),
            "seller_region_code": rng.choice((*ZONES, OUTSIDE)),
            "buyer_name": f"买方{n}", "buyer_party_type": "enterprise_llc",
            "buyer_region_code": rng.choice((*ZONES, OUTSIDE)),
            "tech_field": rng.choice(FIELDS), "ip_type": "none",
        })
    return rows


def expected(rows: list[dict], side: str, zone: str, start: dt.date, end: dt.date) -> dict:
    """The figures of one zone, side and span, from the ledger itself."""
    mine = [r for r in rows if r[f"{side}_region_code"] == zone
            and start <= r["registered_on"] <= end]
    by_type: Counter = Counter()
    for r in mine:
        by_type[r["contract_type"]] += r["volume"]
    return {"count": len(mine), "volume": sum((r["volume"] for r in mine), Decimal(0)),
            "by_type": by_type}


def expected_growth(now: Decimal, before: Decimal) -> str | None:
    if not before:
        return None
    return str(((now - before) * 100 / before).quantize(Decimal("0.01"), ROUND_HALF_UP))


PERIODS = [Period.half(2016, 1), Period.half(2016, 2), *(Period.quarter(2016, q)
           for q in (1, 2, 3, 4)), Period.year_to(dt.date(2016, 5, 17)),
           Period.year_to(dt.date(2016, 2, 29))]


@pytest.fixture
def rows():
    rows = ledger()
    insert_contracts(rows, TODAY, status="active")
    return rows


def test_period_reports_and_growth_match_the_ledger(rows):
    for period in PERIODS:
        report = build_report(db.session, period, today=TODAY)
        before = period.previous()
        for zone in ZONES:
            values = report.zone(zone).indicators
            for side, suffix in (("seller", "output"), ("buyer", "absorbed")):
                now = expected(rows, side, zone, period.start, period.end)
                then = expected(rows, side, zone, before.start, before.end)
                where = (period.label, zone, side)
                assert values[f"contract_count_{suffix}"].value == now["count"], where
                assert Decimal(values[f"contract_volume_{suffix}"].value) == now["volume"], where
                growth = values[f"contract_volume_{suffix}_growth"]
                assert growth.value == expected_growth(now["volume"], then["volume"]), where
                assert growth.provenance["compared_with"] == period.growth_label
                by_type = values[f"contract_volume_{suffix}_by_type"].value
                assert {k: Decimal(v) for k, v in by_type.items() if Decimal(v)} == {
                    k: v for k, v in now["by_type"].items() if v}, where


def test_quarter_breakdown_of_a_half_has_only_its_quarters(rows):
    values = build_report(db.session, Period.half(2016, 2), "620100", TODAY).zones[0].indicators
    quarters = values["contract_volume_absorbed_by_quarter"].value
    assert set(quarters) == {"3", "4"}
    q3 = expected(rows, "buyer", "620100", dt.date(2016, 7, 1), dt.date(2016, 9, 30))
    assert Decimal(quarters["3"]) == q3["volume"]
    assert values["contract_count_absorbed_by_quarter"].value["3"] == q3["count"]


def test_absorbed_has_the_breakdowns_output_has(rows):
    values = build_report(db.session, 2016, "620100", TODAY).zones[0].indicators
    output = {k.replace("_output", "") for k in values if "_output" in k}
    absorbed = {k.replace("_absorbed", "") for k in values if "_absorbed" in k}
    assert output == absorbed
    assert {"contract_volume_by_party_type", "contract_volume_by_field", "large_contracts",
            "ip_contracts", "contract_volume_by_quarter"} <= absorbed


def test_cli_takes_a_period_and_keeps_the_year_shape(runner, rows):
    db.session.commit()
    year = json.loads(runner.invoke(args=["zones", "report", "--year", "2016", "--json"]).output)
    result = runner.invoke(args=["zones", "report", "--year", "2016", "--to", "2016-05-17",
                                 "--zone", "620100", "--json"])
    assert result.exit_code == 0, result.output
    ytd = json.loads(result.output)
    assert set(ytd) == set(year) and ytd["period"]["label"] == "2016年1月1日至5月17日"
    assert set(ytd["zones"][0]["indicators"]) == set(year["zones"][0]["indicators"])
    now = expected(rows, "seller", "620100", dt.date(2016, 1, 1), dt.date(2016, 5, 17))
    assert Decimal(ytd["zones"][0]["indicators"]["contract_volume_output"]["value"]) == (
        now["volume"])
    for args in (["--half", "1", "--quarter", "2"], ["--to", "2017-01-01"]):
        result = runner.invoke(args=["zones", "report", "--year", "2016", *args])
        assert result.exit_code != 0 and "--" in result.output
    result = runner.invoke(args=["zones", "report", "--year", "2016", "--quarter", "2"])
    assert result.exit_code == 0 and "2016年第2季度" in result.output
    assert "同比（与2015年第2季度相比）" in result.output
