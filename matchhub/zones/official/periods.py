"""The periods an official figure is published for and the calibers it counts by."""

import datetime as dt

PERIODS = {"Y": "全年", "H1": "上半年", "H2": "下半年", "Q1": "第一季度", "Q2": "第二季度",
           "Q3": "第三季度", "Q4": "第四季度"}
# first and last month of each period
MONTHS = {"Y": (1, 12), "H1": (1, 6), "H2": (7, 12), "Q1": (1, 3), "Q2": (4, 6),
          "Q3": (7, 9), "Q4": (10, 12)}
CALIBERS = {"output": "输出", "absorbed": "吸纳"}
SIDES = {"output": "seller", "absorbed": "buyer"}


def period_bounds(year: int, period: str) -> tuple[dt.date, dt.date]:
    """The first day of the period and the first day after it."""
    first, last = MONTHS[period]
    end = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
    return dt.date(year, first, 1), end


def period_label(year: int, period: str) -> str:
    return f"{year} 年{PERIODS[period]}"
