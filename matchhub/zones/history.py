"""A zone's indicator values over several years, as yearly reports and the final
assessment record them."""

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from matchhub.zones.report import build_report


def scalar_values(values: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The plain values of one scope's report (no compositions, no featured list)."""
    return {key: {"name": item["name"], "value": item["value"], "unit": item["unit"],
                  "target": item.get("target"), "progress": item.get("progress")}
            for key, item in values.items() if not isinstance(item["value"], dict | list)}


def zone_values(session: Session, code: str, year: int, today: dt.date) -> dict[str, Any]:
    """All report values of one zone and year."""
    return build_report(session, year, code, today)["zones"][0]["indicators"]


def indicator_history(session: Session, code: str, first: int, last: int,
                      today: dt.date) -> dict[str, dict[str, Any]]:
    """year (as text, for JSON) -> the zone's plain values, up to the current year."""
    last = min(last, today.year)
    return {str(year): scalar_values(zone_values(session, code, year, today))
            for year in range(first, last + 1)}
