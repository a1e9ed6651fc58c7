from decimal import Decimal

import pytest

from matchhub.core.money import amount_in, format_money, format_range, parse_amount


@pytest.mark.parametrize(("raw", "unit", "expected"), [
    ("125000", "元", Decimal("125000.00")),
    ("1,250,000.50", "元", Decimal("1250000.50")),
    ("12.5", "万元", Decimal("125000.00")),
    ("12.5万元", "元", Decimal("125000.00")),
    ("1.5亿", "元", Decimal("150000000.00")),
    (300, "元", Decimal("300.00")),
    (Decimal("0.01"), "元", Decimal("0.01")),
])
def test_parse_amount(raw, unit, expected):
    assert parse_amount(raw, unit) == expected


@pytest.mark.parametrize("raw", ["-1", "abc", "1.001", "NaN", "Infinity", "1e20", ""])
def test_parse_amount_refuses(raw):
    with pytest.raises(ValueError):
        parse_amount(raw)


def test_floats_are_refused():
    with pytest.raises(ValueError, match="浮点"):
        parse_amount(0.1)


def test_format_money_units():
    assert format_money(Decimal("950.00")) == "950.00 元"
    assert format_money(Decimal("125000.00")) == "12.50 万元"
    assert format_money(Decimal("15081000000.00")) == "150.81 亿元"
    assert format_money(None, negotiable=True) == "面议"


def test_format_range():
    assert format_range(None, None, True) == "面议"
    assert format_range(Decimal("10000"), Decimal("50000"), False) == "1.00 – 5.00 万元"
    # one unit for both ends, never 元 on one side and 亿元 on the other
    assert format_range(Decimal("5000"), Decimal("120000000"), False) == "0.50 – 12,000.00 万元"
    assert format_range(Decimal("100"), Decimal("900"), False) == "100.00 – 900.00 元"
    assert format_range(Decimal("2E8"), Decimal("3E8"), False) == "2.00 – 3.00 亿元"


def test_amount_in_one_unit_for_a_column():
    assert amount_in(Decimal("1234567.80")) == "123.46"
    assert amount_in(Decimal("250000000")) == "25,000.00"
    assert amount_in(Decimal("500"), "元") == "500.00"
    assert amount_in(None) == "—"
    assert format_range(None, Decimal("50000"), False) == "不超过 5.00 万元"
