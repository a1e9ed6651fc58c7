"""A zone's indicator values over several years, as yearly reports and the final
assessment record them (plain JSON, stored with the row)."""

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from matchhub.zones.statistics.report import build_report
from matchhub.zones.statistics.values import Value


def scalar_values(values: dict[str, Value]) -> dict[str, dict[str, Any]]:
    """The plain values of one scope's report (no compositions, no featured list)."""
    return {key: {"name": item.name, "value": item.value, "unit": item.unit,
                  "target": item.target, "progress": item.progress}
            for key, item in values.items() if item.is_scalar}


def zone_values(session: Session, code: str, year: int, today: dt.date) -> dict[str, Value]:
    """All report values of one zone and year."""
    return build_report(session, year, code, today).zones[0].indicators


def indicator_history(session: Session, code: str, first: int, last: int,
                      today: dt.date) -> dict[str, dict[str, Any]]:
    """year (as text, for JSON) -> the zone's plain values, up to the current year."""
    last = min(last, today.year)
    return {str(year): scalar_values(zone_values(session, code, year, today))
            for year in range(first, last + 1)}
