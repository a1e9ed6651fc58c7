"""Read officially published figures from a CSV of published statistics (the shape of
shared/data/zones/published_stats.csv: region, admin_level, period, indicator, value,
unit, kind, source_url, source_note, quote) into official-figure entries.

Only rows that are a configured zone's or the home province's 技术合同成交额 or count,
of one year, half-year (2024 H1) or quarter (2024 Q3), and were reported (kind
"reported", not derived) are taken; every other row is listed with the reason it was
left out. The 成交额 and count rows of one scope, period and caliber become one entry."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from matchhub.core.errors import ValidationFailed
from matchhub.core.regions import home_province, zones
from matchhub.zones.official.figures import enter_official_figure, latest_figures

VOLUME_NAMES = frozenset({"技术合同成交额", "技术合同交易额", "技术市场合同成交额",
                          "技术市场合同交易额", "吸纳技术合同成交额"})
COUNT_NAMES = frozenset({"技术合同数", "吸纳技术合同数"})
UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
PERIOD = re.compile(r"^(\d{4})(?:\s*(H[12]|Q[1-4]))?$")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
SAME = ("same", "(same as above)")


@dataclass
class Skipped:
    row: int  # line number in the file (header = 1)
    reason: str


@dataclass
class CsvImport:
    entries: dict[tuple, dict[str, Any]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    created: int = 0
    unchanged: int = 0


def _scope(region: str) -> str | None:
    names = {z.name: z.code for z in zones().values()}
    names[home_province().name] = home_province().code
    return names.get(region.strip())


def _published_on(note: str) -> dt.date | None:
    match = DATE.search(note)
    try:
        return dt.date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def _reason(row: dict[str, str]) -> str | None:
    """Why a row is not an official figure to import (None: it is)."""
    if not row["kind"].strip().startswith("reported") or "(" in row["kind"]:
        return f"不是发布值（kind={row['kind']}）"
    if _scope(row["region"]) is None:
        return f"{row['region']} 不是配置的示范区或本省"
    if row["indicator"].strip() not in VOLUME_NAMES | COUNT_NAMES:
        return f"指标「{row['indicator']}」不是技术合同成交额或合同数"
    if not PERIOD.match(row["period"].strip()):
        return f"期间「{row['period']}」不是年、半年（H1/H2）或季度（Q1-Q4）"
    return None


def _value(row: dict[str, str]) -> tuple[str, Any]:
    indicator, raw = row["indicator"].strip(), row["value"].strip()
    if indicator in COUNT_NAMES:
        return "contract_count", int(raw)
    amount = Decimal(raw) * UNITS[row["unit"].strip()]
    return "volume", amount.quantize(Decimal("0.01"))


def _add(result: CsvImport, line: int, row: dict[str, str], default_caliber: str,
         source: tuple[str, str]) -> None:
    year, period = PERIOD.match(row["period"].strip()).groups()
    caliber = "absorbed" if row["indicator"].startswith("吸纳") else default_caliber
    key = (_scope(row["region"]), int(year), period or "Y", caliber)
    try:
        name, value = _value(row)
    except (KeyError, ValueError, InvalidOperation):
        result.skipped.append(Skipped(line, f"数值「{row['value']}{row['unit']}」无法读取"))
        return
    url, note = source
    entry = result.entries.setdefault(key, {
        "year": key[1], "period": key[2], "caliber": caliber, "source_url": url,
        "source_note": note, "published_on": _published_on(note)})
    entry[name] = value


def read_published(text: str, default_caliber: str = "output") -> CsvImport:
    result = CsvImport()
    url, note = "", ""
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if row.get("source_url", "").startswith("http"):
            url = row["source_url"]
        if row.get("source_note", "").strip() not in SAME:
            note = row.get("source_note", "").strip()
        reason = _reason(row)
        if reason:
            result.skipped.append(Skipped(line, reason))
            continue
        quote = row.get("quote", "").strip()
        _add(result, line, row, default_caliber, (url, f"{note}；原文：{quote}" if quote
                                                  else note))
    return result


def _same(figure, entry: dict[str, Any]) -> bool:
    return (figure.volume == entry.get("volume") and figure.source_url == entry["source_url"]
            and figure.contract_count == entry.get("contract_count"))


def import_published(session: Session, text: str, today: dt.date,
                     default_caliber: str = "output") -> CsvImport:
    """Enter the file's official figures (as the command line); an entry equal to the
    latest one recorded is left alone. ValidationFailed names the first bad entry."""
    result = read_published(text, default_caliber)
    for (scope, year, period, caliber), entry in result.entries.items():
        latest = latest_figures(session, scope, year).get((period, caliber))
        if latest is not None and _same(latest, entry):
            result.unchanged += 1
            continue
        try:
            enter_official_figure(session, None, scope, entry, today)
        except ValidationFailed as exc:
            fields = {f"{scope} {year} {period}.{k}": v for k, v in exc.fields.items()}
            raise ValidationFailed(fields) from None
        result.created += 1
    return result
