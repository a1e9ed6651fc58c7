"""Property tests for the parsers that take outside data: amounts, credit codes, patent
numbers. Whatever the input, they return an exact value or raise ValueError."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc

from matchhub.core.identifiers import (
    normalise_credit_code,
    normalise_patent_number,
    patent_check_char,
)
from matchhub.core.money import MAX_AMOUNT, parse_amount

cents = st.integers(min_value=0, max_value=int(MAX_AMOUNT * 100))
amounts = cents.map(lambda c: Decimal(c) / 100)


def with_separators(amount: Decimal) -> str:
    return f"{amount:,.2f}"


@given(amounts)
def test_amounts_in_yuan_round_trip_exactly_in_any_spelling(amount):
    for text in (str(amount), with_separators(amount), f"{amount}元",
                 with_separators(amount).replace(",", "，"), f" {amount} "):
        assert parse_amount(text) == amount


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_wan_yuan_converts_exactly(whole, hundredths_of_wan):
    text = f"{whole}.{hundredths_of_wan:02d}"
    assert parse_amount(text, unit="万元") == Decimal(text) * 10_000
    assert parse_amount(f"{text}万") == Decimal(text) * 10_000


@given(st.text(max_size=30))
def test_any_text_is_an_amount_or_a_value_error(text):
    try:
        value = parse_amount(text)
    except ValueError:
        return
    assert value >= 0 and value == value.quantize(Decimal("0.01")) and value <= MAX_AMOUNT


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_floats_are_refused(number):
    try:
        parse_amount(number)
    except ValueError:
        return
    raise AssertionError("a float was accepted")


@given(st.integers(min_value=0, max_value=999999999))
def test_valid_credit_codes_pass_and_any_changed_check_char_fails(serial):
    body = f"91620100{serial:09d}"[:17]
    code = body + uscc.calc_check_digit(body)
    assert normalise_credit_code(code) == code
    for wrong in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        if wrong != code[-1]:
            try:
                normalise_credit_code(body + wrong)
            except ValueError:
                continue
            raise AssertionError(f"{body + wrong} accepted")


@given(st.text(max_size=24))
def test_any_text_is_a_credit_code_or_a_value_error(text):
    try:
        code = normalise_credit_code(text)
    except ValueError:
        return
    assert normalise_credit_code(code) == code and len(code) == 18


@given(st.integers(min_value=2003, max_value=2030), st.sampled_from("1238"),
       st.integers(min_value=0, max_value=9_999_999))
def test_patent_numbers_with_their_check_char_pass_in_any_spelling(year, kind, serial):
    digits = f"{year}{kind}{serial:07d}"
    check = patent_check_char(digits)
    canonical = f"ZL{digits}.{check}"
    for text in (canonical, f"CN{digits}{check}", f"{digits}.{check}", f" zl{digits}.{check} "):
        assert normalise_patent_number(text) == canonical
    wrong = "X" if check != "X" else "0"
    try:
        normalise_patent_number(f"ZL{digits}.{wrong}")
    except ValueError:
        return
    raise AssertionError("a wrong check character was accepted")


@given(st.text(max_size=30))
def test_any_text_is_a_patent_number_or_a_value_error(text):
    try:
        number = normalise_patent_number(text)
    except ValueError:
        return
    assert normalise_patent_number(number) == number and number.startswith("ZL")
