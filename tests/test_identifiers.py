import pytest

from matchhub.core.identifiers import (
    normalise_credit_code,
    normalise_ip_number,
    normalise_patent_number,
    patent_check_char,
)


def test_published_example_check_digit():
    # Worked example from CNIPA's rule: 201710601862 → 3.
    assert patent_check_char("201710601862") == "3"


@pytest.mark.parametrize(("raw", "canonical"), [
    ("ZL201710601862.3", "ZL201710601862.3"),
    ("201710601862.3", "ZL201710601862.3"),
    ("CN 2017106018623", "ZL201710601862.3"),
    ("ZL95115608.X", "ZL95115608.X"),
])
def test_patent_numbers_accepted(raw, canonical):
    assert normalise_patent_number(raw) == canonical


@pytest.mark.parametrize("raw", ["ZL201710601862.4", "ZL2017106018.3", "abc", ""])
def test_patent_numbers_refused(raw):
    with pytest.raises(ValueError):
        normalise_patent_number(raw)


def test_patent_type_digit_must_match_ip_type():
    # The fifth digit 1 marks an invention application, not a utility model.
    with pytest.raises(ValueError, match="类型"):
        normalise_patent_number("ZL201710601862.3", "utility_model")


def test_software_copyright_format():
    assert normalise_ip_number("software_copyright", "2019SR1234567") == "2019SR1234567"
    with pytest.raises(ValueError):
        normalise_ip_number("software_copyright", "SR-12")
    assert normalise_ip_number("trade_secret", "") == ""


def test_credit_code_check_character():
    assert normalise_credit_code("91620100000000123A") == "91620100000000123A"
    with pytest.raises(ValueError, match="统一社会信用代码"):
        normalise_credit_code("91620100000000123B")
    with pytest.raises(ValueError):
        normalise_credit_code("9162010000000012")
