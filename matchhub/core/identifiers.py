"""Validators for official identifiers: credit codes and Chinese patent numbers."""

import re
import unicodedata

from stdnum.cn import uscc
from stdnum.exceptions import ValidationError


def normalise_registration_number(value: object) -> str:
    """The 合同登记编号 as compared and stored: full-width characters folded (NFKC), all
    spaces removed, letters upper-cased, so ``audit2024-0001``, ``AUDIT2024-0001`` and
    ``ＡＵＤＩＴ２０２４－０００１`` are one number."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return "".join(text.split()).upper()


def normalise_credit_code(value: str) -> str:
    """Return the 统一社会信用代码 in canonical form or raise ValueError with a reason."""
    try:
        return uscc.validate(value)
    except ValidationError as exc:
        raise ValueError(f"统一社会信用代码无效：{exc.message}") from exc


# CN application numbers: 12 digits since 2003 (year, type, serial) or 8 digits before,
# then a check character computed mod 11 (10 is written as X). "ZL" and "CN" prefixes
# and the dot before the check character are optional.
_PATENT_RE = re.compile(r"^(?:ZL|CN)?\s*(\d{8}|\d{12})\.?([\dX])$")
_PATENT_TYPES = {"1": "invention_patent", "2": "utility_model", "3": "design_patent",
                 "8": "invention_patent", "9": "utility_model"}


def patent_check_char(digits: str) -> str:
    weights = [2, 3, 4, 5, 6, 7, 8, 9] * 2
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=False))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def normalise_patent_number(value: str, ip_type: str | None = None) -> str:
    """Validate a CN patent application number; return it as ``ZL<digits>.<check>``."""
    compact = (value or "").strip().upper().replace(" ", "")
    match = _PATENT_RE.match(compact)
    if not match:
        raise ValueError("专利号格式应为 ZL + 12 位数字 + . + 校验位，例如 ZL201510123456.7")
    digits, check = match.groups()
    if patent_check_char(digits) != check:
        raise ValueError("专利号校验位不正确")
    kind = _PATENT_TYPES.get(digits[4] if len(digits) == 12 else digits[2])
    if ip_type and kind and ip_type != kind:
        raise ValueError("专利号的类型码与所选知识产权类型不符")
    return f"ZL{digits}.{check}"


PATENT_TYPES = {"invention_patent", "utility_model", "design_patent"}


def normalise_ip_number(ip_type: str, number: str) -> str:
    """Validate the number of an IP record where its format is known."""
    number = (number or "").strip()
    if ip_type in PATENT_TYPES:
        return normalise_patent_number(number, ip_type)
    if ip_type == "software_copyright" and number and not re.match(r"^\d{4}SR\d{5,8}$", number):
        raise ValueError("软件著作权登记号格式应为 年份 + SR + 数字，例如 2019SR1234567")
    return number
