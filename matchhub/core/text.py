"""User-written text: one place decides what a stored text may hold.

- Refused everywhere: C0 and C1 control characters (NUL, BEL, ESC, the CSI U+009B, …)
  and lone UTF-16 surrogates (JSON can spell them; no database stores them). Line breaks
  and tabs are allowed in multi-line text only; in a single-line field every run of
  whitespace becomes one space (a title pasted from a spreadsheet cell keeps its words).
- Blank: whitespace (including the full-width space) and invisible format characters
  (zero-width space, BOM, word joiner …) alone count as empty, so a required field needs
  something visible.

``clean_text`` is what services and schemas call for each free-text field (``text_field``
adds the message to a FieldErrors instead of raising); ``bad_characters`` is what the
request guard asks of every submitted value.
"""

import re
import unicodedata

from matchhub.core.errors import FieldErrors

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_WHITESPACE_RUN = re.compile(r"\s+")
# Format characters (Unicode category Cf) that show nothing: zero-width space and
# joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"

FORBIDDEN_MESSAGE = "含有不允许的控制字符或无效字符"


def bad_characters(value: str) -> bool:
    """True if ``value`` holds a character no text field accepts (see the module doc)."""
    return _FORBIDDEN.search(value) is not None


def is_blank(value: str) -> bool:
    """Nothing visible: only whitespace and invisible format characters."""
    return not "".join(ch for ch in value if unicodedata.category(ch) != "Cf").strip()


def normalise(raw: object, multiline: bool = False) -> str:
    """The text as stored: NFC, \\n line breaks (multi-line) or single spaces (single-line),
    without surrounding whitespace or invisible characters."""
    if raw is None:
        return ""
    value = str(raw)
    if not bad_characters(value):  # NFC of a lone surrogate fails; it is refused anyway
        value = unicodedata.normalize("NFC", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        value = _WHITESPACE_RUN.sub(" ", value)
    return value.strip().strip(_INVISIBLE).strip()


def text_problem(value: str, *, limit: int, required: bool = False) -> str | None:
    """Why ``value`` (normalised) is not acceptable; None when it is."""
    if bad_characters(value):
        return FORBIDDEN_MESSAGE
    if required and is_blank(value):
        return "必填，不能只有空白"
    if len(value) > limit:
        return f"不能超过 {limit} 字"
    return None


def text_field(errors: FieldErrors, raw: object, field: str, *, limit: int,
               required: bool = False, multiline: bool = False) -> str:
    """``raw`` as stored text; a problem is added to ``errors`` under ``field``."""
    if raw is not None and not isinstance(raw, str | int):
        errors.add(field, "应为文本")
        return ""
    value = normalise(raw, multiline)
    problem = text_problem(value, limit=limit, required=required)
    if problem:
        errors.add(field, problem)
    return value


def clean_text(raw: object, field: str, *, limit: int, required: bool = False,
               multiline: bool = False) -> str:
    """``raw`` as stored text, or ValidationFailed naming ``field``."""
    errors = FieldErrors()
    value = text_field(errors, raw, field, limit=limit, required=required, multiline=multiline)
    errors.raise_if_any()
    return value
