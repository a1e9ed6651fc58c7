"""Report periods: a calendar year, a half-year (H1/H2), a quarter (Q1-Q4) or the year to
a date. Every report, dashboard and export covers one ``Period``; growth (同比) compares
it with ``previous()``, the same span one year earlier.

A period that is not over yet is cut at today (``cut_at``): the current quarter is
"Q4 to 5 December", and its growth compares with Q4 to 5 December of last year, never
with last year's whole quarter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

KINDS = ("year", "half", "quarter", "ytd")
QUARTER_MONTHS = {1: 1, 2: 4, 3: 7, 4: 10}


class PeriodError(ValueError):
    """A period that does not exist; ``field`` names the argument at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, QUARTER_MONTHS[quarter + 1], 1) - dt.timedelta(days=1)


def _same_day(day: dt.date, year: int) -> dt.date:
    """The same calendar day in another year (29 February becomes the 28th)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


@dataclass(frozen=True)
class Period:
    kind: str  # one of KINDS
    year: int
    number: int | None = None  # the half (1-2) or the quarter (1-4)
    to: dt.date | None = None  # the last day counted, when before the natural end

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls("year", year)

    @classmethod
    def half(cls, year: int, number: int) -> Period:
        return cls("half", year, number)

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        return cls("quarter", year, number)

    @classmethod
    def year_to(cls, day: dt.date) -> Period:
        return cls("ytd", day.year, None, day)

    @property
    def start(self) -> dt.date:
        if self.kind == "half":
            return dt.date(self.year, 1 if self.number == 1 else 7, 1)
        if self.kind == "quarter":
            return dt.date(self.year, QUARTER_MONTHS[self.number], 1)
        return dt.date(self.year, 1, 1)

    @property
    def natural_end(self) -> dt.date:
        """The period's last day when it is complete."""
        if self.kind == "half":
            return quarter_end(self.year, 2 * self.number)
        if self.kind == "quarter":
            return quarter_end(self.year, self.number)
        if self.kind == "ytd":
            return self.to
        return dt.date(self.year, 12, 31)

    @property
    def end(self) -> dt.date:
        """The last day counted (inclusive)."""
        return self.to if self.to is not None else self.natural_end

    @property
    def is_cut(self) -> bool:
        return self.kind != "ytd" and self.end < self.natural_end

    @property
    def quarters(self) -> tuple[int, ...]:
        """The quarters of the year this period has days in (none after its end)."""
        if self.end < self.start:
            return ()
        first = (self.start.month - 1) // 3 + 1
        last = (self.end.month - 1) // 3 + 1
        return tuple(range(first, last + 1))

    def cut_at(self, today: dt.date) -> Period:
        """The part of the period up to today (itself when it is over)."""
        if self.end <= today:
            return self
        return replace(self, to=max(today, self.start - dt.timedelta(days=1)))

    def previous(self) -> Period:
        """The same period of the previous year (同比)."""
        to = None if self.to is None else _same_day(self.to, self.year - 1)
        return replace(self, year=self.year - 1, to=to)

    @property
    def name(self) -> str:
        """The period without the year: 全年, 上半年, 第2季度, 1月1日至3月31日."""
        if self.kind == "half":
            return "上半年" if self.number == 1 else "下半年"
        if self.kind == "quarter":
            return f"第{self.number}季度"
        if self.kind == "ytd":
            return f"1月1日至{self.to.month}月{self.to.day}日"
        return "全年"

    @property
    def label(self) -> str:
        """2016年上半年; a cut period says up to which day: 2026年（截至12月5日）."""
        base = f"{self.year}年" + ("" if self.kind == "year" else self.name)
        if self.is_cut:
            return f"{base}（截至{self.end.month}月{self.end.day}日）"
        return base

    @property
    def growth_label(self) -> str:
        """What growth compares with: 同比（与2015年上半年相比）."""
        return f"同比（与{self.previous().label}相比）"

    @property
    def key(self) -> str:
        """A short stable code: 2016, 2016-H1, 2016-Q3, 2016-YTD-0630."""
        if self.kind == "half":
            return f"{self.year}-H{self.number}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.kind == "ytd":
            return f"{self.year}-YTD-{self.to:%m%d}"
        return str(self.year)

    def as_dict(self) -> dict[str, Any]:
        previous = self.previous()
        return {"kind": self.kind, "key": self.key, "label": self.label,
                "start": self.start.isoformat(), "end": self.end.isoformat(),
                "previous": {"label": previous.label, "start": previous.start.isoformat(),
                             "end": previous.end.isoformat()},
                "growth_label": self.growth_label}


def period_from(year: int, half: int | None = None, quarter: int | None = None,
                to: dt.date | None = None) -> Period:
    """The period that the arguments name; at most one of half, quarter and to."""
    given = [name for name, v in (("half", half), ("quarter", quarter), ("to", to))
             if v is not None]
    if len(given) > 1:
        raise PeriodError(given[1], f"{'、'.join(given)} 只能选一个")
    if half is not None:
        if half not in (1, 2):
            raise PeriodError("half", "半年应为 1 或 2")
        return Period.half(year, half)
    if quarter is not None:
        if quarter not in (1, 2, 3, 4):
            raise PeriodError("quarter", "季度应为 1-4")
        return Period.quarter(year, quarter)
    if to is not None:
        if to.year != year:
            raise PeriodError("to", f"截止日期应在 {year} 年内")
        return Period.year_to(to)
    return Period.of_year(year)


def latest_complete_year(today: dt.date) -> int:
    """The last calendar year that is over."""
    return today.year - 1
