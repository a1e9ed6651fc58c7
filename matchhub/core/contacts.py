"""Contact details on listings: an email address and a phone number.

Emails are checked by email-validator (syntax only: no DNS lookup at save time).
Phone numbers are checked by phonenumbers (Google's libphonenumber metadata): numbers
without a country code are read as mainland China numbers (mobile 1xx xxxx xxxx;
landline with its area code, e.g. 0931-8912345; 400/800 service numbers), numbers
with +<country code> by that country's plan. The metadata follows number allocations
(new mobile prefixes, area-code changes), which a hand-written pattern would not.
"""

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

PHONE_REGION = "CN"
# What people write around the digits: spaces, hyphens, brackets, a leading +.
_PHONE_CHARS = re.compile(r"\+?[0-9 ()\-]{5,32}")


def normalise_email(value: str) -> str:
    """The address in normal form; ValueError with a reason in Chinese."""
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValueError("邮箱地址格式无效，例如 li@lzu.edu.cn") from None


def check_phone(value: str) -> str:
    """``value`` if it is a valid phone number (kept as written); else ValueError."""
    message = "电话号码无效：手机号如 13812345678，座机请带区号如 0931-8912345"
    if not _PHONE_CHARS.fullmatch(value):
        raise ValueError(message)
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ValueError(message) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(message)
    return value
