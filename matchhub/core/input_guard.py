"""Checks every request's input before a schema, a form or a query parser reads it:

- JSON bodies nested deeper than JSON_MAX_DEPTH: 400 naming ``body`` (Python's decoder
  would recurse until RecursionError, a 500);
- a lone surrogate or a control character in any JSON string or key, form value or query
  argument: 422 (400 for the query string) naming the field, before anything is stored.

Multi-line text may hold line breaks and tabs; which fields are single-line is decided
per field by ``matchhub.core.text.clean_text``.
"""

import json
import re
from collections.abc import Iterator
from typing import Any

from flask import Flask, request

from matchhub.core.args import BadArgument
from matchhub.core.errors import ValidationFailed
from matchhub.core.text import FORBIDDEN_MESSAGE, bad_characters

JSON_MAX_DEPTH = 32
# A JSON string (consumed whole, so brackets inside it do not count) or a bracket.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text`` (no recursion)."""
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def bad_strings(value: Any, path: str = "") -> Iterator[str]:
    """The paths (``title``, ``keywords.1``) of strings holding forbidden characters."""
    if isinstance(value, str):
        if bad_characters(value):
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if bad_characters(str(key)):
                yield name
            yield from bad_strings(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from bad_strings(item, f"{path}.{index}" if path else str(index))


def _check_json() -> None:
    text = request.get_data(cache=True).decode("utf-8", "replace")
    if json_depth(text) > JSON_MAX_DEPTH:
        raise BadArgument("body", f"JSON 嵌套不能超过 {JSON_MAX_DEPTH} 层")
    try:
        data = json.loads(text)
    except ValueError:
        return  # not JSON: the schema's parser answers that with its own 400
    bad = list(dict.fromkeys(bad_strings(data)))
    if bad:
        raise ValidationFailed({name: [FORBIDDEN_MESSAGE] for name in bad})


def _check_form() -> None:
    bad = [name for name, value in request.form.items(multi=True)
           if bad_characters(name) or bad_characters(value)]
    if bad:
        raise ValidationFailed({name: [FORBIDDEN_MESSAGE] for name in dict.fromkeys(bad)})


def _check_query() -> None:
    for name, value in request.args.items(multi=True):
        if bad_characters(name) or bad_characters(value):
            raise BadArgument(name, FORBIDDEN_MESSAGE)


def check_request() -> None:
    _check_query()
    if request.is_json:
        _check_json()
    elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        _check_form()


def init_app(app: Flask) -> None:
    app.before_request(check_request)
