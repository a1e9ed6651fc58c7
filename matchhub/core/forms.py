"""Helpers shared by the web forms: Chinese messages, service errors on fields, safe redirects."""

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.i18n import get_translations
from wtforms.widgets import CheckboxInput, ListWidget

try:  # WTForms >= 3.3 wants option objects; older versions take (value, label) pairs.
    from wtforms import SelectChoice
except ImportError:  # pragma: no cover
    SelectChoice = None

_FIELD_PATH = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$")


class BaseForm(FlaskForm):
    """FlaskForm whose built-in WTForms messages are in Simplified Chinese."""

    class Meta:
        def get_translations(self, form):
            return get_translations(["zh"])


def options(pairs, blank: str | None = None) -> list:
    """Choices for a select from (code, label) pairs, optionally after a blank option."""
    rows = [("", blank), *pairs] if blank is not None else list(pairs)
    return [SelectChoice(value, label) for value, label in rows] if SelectChoice else rows


class MultiCheckboxField(SelectMultipleField):
    """A multi-select shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _resolve(form, path: str):
    """The field a service error key names: "title", "ip_records[1].number"; None if none."""
    match = _FIELD_PATH.match(path)
    if not match:
        return None
    name, index, sub = match.groups()
    field = form._fields.get(name)
    if field is None or index is None:
        return field if sub is None else None
    entries = getattr(field, "entries", [])
    if sub is None or int(index) >= len(entries):
        return None  # a whole row has no single place to show a message
    return entries[int(index)].form._fields.get(sub)


def apply_errors(form, fields: Mapping[str, list[str]],
                 aliases: Mapping[str, str] | None = None, fill_only: bool = False) -> list[str]:
    """Put a ValidationFailed's messages on the form's fields.

    ``aliases`` renames service keys to form field names; with ``fill_only`` a
    field that already has errors keeps just those. Returns the messages no
    field claims, for showing above the form.
    """
    leftovers: list[str] = []
    for key, messages in fields.items():
        field = _resolve(form, (aliases or {}).get(key, key))
        if field is None:
            leftovers.extend(f"{key}：{message}" for message in messages)
        elif not (fill_only and field.errors):
            field.errors = [*field.errors, *messages]
    return leftovers


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects)."""
    target = (target or "").strip()
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None
