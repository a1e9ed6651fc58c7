"""Whole numbers from a query string or a form (pages, ids, years): ASCII digits within
bounds, else a 400 naming the argument. ``int()`` alone takes "١٢" and "+1", and hands the
database numbers no column holds (a 500)."""

import re
from collections.abc import Mapping

from flask import request

from matchhub.core.errors import DomainError
from matchhub.core.routing import MAX_ID

# The last page any list offers: 100,000 pages of 100 rows is beyond every list's size.
MAX_PAGE = 100_000
_DIGITS = re.compile(r"[0-9]{1,18}")


class BadArgument(DomainError):
    """A query-string (or form) argument that is not what the page takes: 400."""

    status = 400
    code = "bad_request"

    def __init__(self, name: str, problem: str):
        super().__init__(f"参数 {name} 无效：{problem}", {name: [problem]})


def int_problem(raw: object, low: int = 1, high: int = MAX_ID) -> str | None:
    """Why ``raw`` is not a whole number in [low, high]; None when it is."""
    text = raw.strip() if isinstance(raw, str) else str(raw)
    if isinstance(raw, bool) or not _DIGITS.fullmatch(text) or not low <= int(text) <= high:
        return f"应为 {low}-{high} 之间的整数"
    return None


def parse_int(raw: object, name: str, low: int = 1, high: int = MAX_ID) -> int:
    problem = int_problem(raw, low, high)
    if problem:
        raise BadArgument(name, problem)
    return int(str(raw).strip())


def int_arg(name: str, default: int | None = None, *, low: int = 1, high: int = MAX_ID,
            args: Mapping | None = None) -> int | None:
    """The request's ``name`` argument as an int (``default`` when absent or blank)."""
    raw = (request.args if args is None else args).get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default
    return parse_int(raw, name, low, high)


def page_arg(name: str = "page") -> int:
    """The page number of a paginated list (1 when absent)."""
    return int_arg(name, 1, high=MAX_PAGE)
