"""What the zone page modules share: the zone URL part, the requested year or period,
the zone check and the years and periods the dashboards offer."""

import datetime as dt

from flask import request, url_for

from matchhub.core.args import BadArgument, int_arg
from matchhub.core.clock import today
from matchhub.core.errors import NotFound
from matchhub.core.regions import zones
from matchhub.zones.services import Period, PeriodError, latest_complete_year, period_from

ZONE_RULE = "/<string(length=6):code>"
MIN_YEAR, MAX_YEAR = 2000, 2100


def requested_year() -> int:
    """?year=, this year by default; a bad value is a 400 page."""
    return int_arg("year", today().year, low=MIN_YEAR, high=MAX_YEAR)


def known_zone(code: str) -> str:
    if code not in zones():
        raise NotFound("未知的示范区")
    return code


def year_choices(year: int) -> list[int]:
    """The years the dashboards offer: the last ten and the requested one."""
    latest = today().year
    return sorted({*range(latest - 9, latest + 1), year}, reverse=True)


def _date_arg(name: str) -> dt.date | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadArgument(name, "应为 YYYY-MM-DD 格式的日期") from None


def requested_period() -> Period:
    """?year= with ?half=, ?quarter= or ?to=; by default the latest complete year (by the
    platform's clock). A bad value is a 400 page naming the argument."""
    year = int_arg("year", latest_complete_year(today()), low=MIN_YEAR, high=MAX_YEAR)
    half = int_arg("half", None, low=1, high=2)
    quarter = int_arg("quarter", None, low=1, high=4)
    try:
        return period_from(year, half, quarter, _date_arg("to"))
    except PeriodError as error:
        raise BadArgument(error.field, str(error)) from None


def period_choices(period: Period) -> list[tuple[str, str, bool]]:
    """The periods of the requested year the switch offers: (label, URL, chosen)."""
    year = period.year
    options = [("全年", {"year": year}), ("上半年", {"year": year, "half": 1}),
               ("下半年", {"year": year, "half": 2})]
    options += [(f"第{q}季度", {"year": year, "quarter": q}) for q in (1, 2, 3, 4)]
    chosen = {"year": {"year": year}, "half": {"year": year, "half": period.number},
              "quarter": {"year": year, "quarter": period.number}}.get(period.kind)
    return [(label, _here(args), args == chosen) for label, args in options]


def _here(args: dict) -> str:
    return url_for(request.endpoint, **request.view_args, **args)


def year_to_date_url() -> str:
    """The switch to this year so far (compared with the same days of last year)."""
    day = today()
    return _here({"year": day.year, "to": day.isoformat()})
