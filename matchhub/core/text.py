"""User-written text: one place decides which characters a stored text may hold.

Refused everywhere: C0 and C1 control characters (NUL, BEL, ESC, the CSI U+009B, …) and
lone UTF-16 surrogates (JSON can spell them, no database stores them). Line breaks and
tabs are allowed in multi-line text only. ``clean_text`` is what the services and
schemas call for each free-text field; ``bad_characters`` is what the request guard asks
of every submitted value.
"""

import re
import unicodedata

from matchhub.core.errors import ValidationFailed

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]")

FORBIDDEN_MESSAGE = "含有不允许的控制字符或无效字符"


def bad_characters(value: str) -> bool:
    """True if ``value`` holds a character no text field accepts (see the module doc)."""
    return _FORBIDDEN.search(value) is not None


def text_problem(value: str, *, limit: int, required: bool = False,
                 multiline: bool = False) -> str | None:
    """Why ``value`` (already stripped) is not acceptable; None when it is."""
    if bad_characters(value):
        return FORBIDDEN_MESSAGE
    if not multiline and _LINE_BREAKS.search(value):
        return "不能包含换行或制表符"
    if required and not value:
        return "必填，不能只有空白"
    if len(value) > limit:
        return f"不能超过 {limit} 字"
    return None


def normalise(raw: object) -> str:
    """The text as stored: NFC, line breaks as \\n, surrounding whitespace (including
    full-width spaces) removed."""
    if raw is None:
        return ""
    value = unicodedata.normalize("NFC", str(raw)) if not bad_characters(str(raw)) else str(raw)
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def clean_text(raw: object, field: str, *, limit: int, required: bool = False,
               multiline: bool = False) -> str:
    """``raw`` as stored text, or ValidationFailed naming ``field``."""
    if raw is not None and not isinstance(raw, str):
        raise ValidationFailed({field: ["应为文本"]})
    value = normalise(raw)
    problem = text_problem(value, limit=limit, required=required, multiline=multiline)
    if problem:
        raise ValidationFailed({field: [problem]})
    return value
