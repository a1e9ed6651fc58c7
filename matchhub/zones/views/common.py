"""What the zone page modules share: the zone URL part, the requested year, the zone
check and the years the dashboards offer."""


from matchhub.core.args import int_arg
from matchhub.core.clock import today
from matchhub.core.errors import NotFound
from matchhub.core.regions import zones

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
